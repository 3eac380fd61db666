package dev.roster.directory;

import dev.roster.organization.OrganizationService;
import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Changes;
import dev.roster.shared.Cursor;
import dev.roster.shared.FieldViolation;
import dev.roster.shared.Ids;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.Patch;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import dev.roster.shared.Text;
import dev.roster.shared.UserId;
import dev.roster.user.User;
import dev.roster.user.UserPlaced;
import dev.roster.user.UserService;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Groups, positions, and placing users in them. Reads need groups:read; changes need groups:manage. */
@Service
public class DirectoryService {

    private final JdbcDirectoryRepository directory;
    private final OrganizationService organizations;
    private final UserService users;
    private final ApplicationEventPublisher events;

    DirectoryService(
            JdbcDirectoryRepository directory,
            OrganizationService organizations,
            UserService users,
            ApplicationEventPublisher events) {
        this.directory = directory;
        this.organizations = organizations;
        this.users = users;
        this.events = events;
    }

    @Transactional
    public Group createGroup(Caller caller, OrganizationId pathId, GroupRequest request) {
        OrganizationId org = writable(caller, pathId);
        Group group = unique(() -> directory.insertGroup(
                org,
                Ids.next(),
                Text.required("name", request.name(), 200),
                Text.optional("type", request.type(), 100),
                caller.actor()));
        publish(
                caller,
                "group.created",
                "group",
                group.id(),
                new Changes().set("name", group.name()).set("type", group.type()),
                org);
        return group;
    }

    @Transactional(readOnly = true)
    public Page<Group> groups(Caller caller, OrganizationId pathId, String cursor, Integer limit) {
        OrganizationId org = readable(caller, pathId);
        int size = Cursor.limit(limit);
        return Page.of(
                directory.groups(org, Cursor.decode(cursor), size + 1), size, g -> new Cursor(g.createdAt(), g.id()));
    }

    /** The groups with these ids that the organization has (a page of another listing), in one query. */
    @Transactional(readOnly = true)
    public List<Group> groups(Caller caller, OrganizationId pathId, Collection<UUID> ids) {
        return directory.findGroups(readable(caller, pathId), ids);
    }

    /** How many live members each of these groups has (a page of the group list), in one query; needs groups:read. */
    @Transactional(readOnly = true)
    public Map<UUID, Long> memberCounts(Caller caller, OrganizationId pathId, Collection<UUID> groupIds) {
        return directory.memberCounts(readable(caller, pathId), groupIds);
    }

    /**
     * The ids of the groups with these names (compared case-insensitively), keyed by the name as asked; names no
     * group has are absent. Needs groups:manage, as placing users in them does.
     */
    @Transactional(readOnly = true)
    public Map<String, UUID> groupIdsByName(Caller caller, OrganizationId pathId, Collection<String> names) {
        return directory.groupIdsByName(writable(caller, pathId), names);
    }

    @Transactional(readOnly = true)
    public Group group(Caller caller, OrganizationId pathId, UUID id) {
        return directory.findGroup(readable(caller, pathId), id).orElseThrow(() -> notFound("Group"));
    }

    @Transactional
    public Group updateGroup(Caller caller, OrganizationId pathId, UUID id, Patch<GroupRequest> patch) {
        OrganizationId org = writable(caller, pathId);
        Group current = directory.findGroup(org, id).orElseThrow(() -> notFound("Group"));
        patch.requireNonNull("name");
        String name = patch.has("name") ? Text.required("name", patch.values().name(), 200) : current.name();
        String type = patch.has("type") ? Text.optional("type", patch.values().type(), 100) : current.type();
        Group updated = unique(() -> directory.updateGroup(org, id, name, type, caller.actor()));
        publish(
                caller,
                "group.updated",
                "group",
                id,
                new Changes().diff("name", current.name(), name).diff("type", current.type(), type),
                org);
        return updated;
    }

    @Transactional
    public void deleteGroup(Caller caller, OrganizationId pathId, UUID id) {
        OrganizationId org = writable(caller, pathId);
        directory.findGroup(org, id).orElseThrow(() -> notFound("Group"));
        directory.deleteGroup(org, id);
        publish(caller, "group.deleted", "group", id, new Changes(), org);
    }

    @Transactional(readOnly = true)
    public List<GroupMember> members(Caller caller, OrganizationId pathId, UUID groupId) {
        OrganizationId org = readable(caller, pathId);
        directory.findGroup(org, groupId).orElseThrow(() -> notFound("Group"));
        return directory.members(org, groupId);
    }

    /** Adds a user to a group, or changes whether it is the user's primary group. */
    @Transactional
    public List<GroupMember> putMember(
            Caller caller, OrganizationId pathId, UUID groupId, UserId userId, MembershipRequest request) {
        OrganizationId org = writable(caller, pathId);
        directory.findGroup(org, groupId).orElseThrow(() -> notFound("Group"));
        liveUser(org, userId);
        boolean primary = request != null && Boolean.TRUE.equals(request.isPrimary());
        directory.putMember(org, groupId, userId, primary);
        publish(
                caller,
                "group.member_added",
                "group",
                groupId,
                new Changes().set("userId", userId.toString()).set("isPrimary", primary),
                org);
        return directory.members(org, groupId);
    }

    /**
     * Adds many users to a group in two statements, however many they are (a directory may send 10,000 at once);
     * users already in it stay as they are. Fails with 400 naming the first id that is not a live user of the
     * organization. Returns the users that were added, written to the audit log as one event.
     */
    @Transactional
    public List<UserId> addMembers(Caller caller, OrganizationId pathId, UUID groupId, Collection<UserId> userIds) {
        OrganizationId org = writable(caller, pathId);
        directory.lockGroup(org, groupId).orElseThrow(() -> notFound("Group"));
        Set<UUID> wanted = userIds.stream().map(UserId::value).collect(Collectors.toSet());
        Set<UUID> live = directory.liveUsers(org, wanted);
        wanted.stream().filter(id -> !live.contains(id)).findFirst().ifPresent(missing -> {
            throw ProblemException.invalid("members", missing + " is not a live user of this organization");
        });
        List<UserId> added = directory.addMembers(org, groupId, wanted);
        publishMembers(caller, org, groupId, "group.members_added", added);
        return added;
    }

    /** Removes many users from a group in one statement; ids that are not members are ignored. */
    @Transactional
    public List<UserId> removeMembers(Caller caller, OrganizationId pathId, UUID groupId, Collection<UserId> userIds) {
        OrganizationId org = writable(caller, pathId);
        directory.lockGroup(org, groupId).orElseThrow(() -> notFound("Group"));
        List<UserId> removed = directory.removeMembers(org, groupId, userIds);
        publishMembers(caller, org, groupId, "group.members_removed", removed);
        return removed;
    }

    /** Makes the group's members exactly these users: {@link #removeMembers} of the others, then {@link #addMembers}. */
    @Transactional
    public void replaceMembers(Caller caller, OrganizationId pathId, UUID groupId, Collection<UserId> userIds) {
        OrganizationId org = writable(caller, pathId);
        directory.lockGroup(org, groupId).orElseThrow(() -> notFound("Group"));
        List<UserId> removed = directory.removeMembersExcept(org, groupId, userIds);
        publishMembers(caller, org, groupId, "group.members_removed", removed);
        addMembers(caller, pathId, groupId, userIds);
    }

    private void publishMembers(Caller caller, OrganizationId org, UUID groupId, String action, List<UserId> users) {
        if (!users.isEmpty()) {
            publish(
                    caller,
                    action,
                    "group",
                    groupId,
                    new Changes()
                            .set("userIds", users.stream().map(UserId::toString).toList()),
                    org);
        }
    }

    @Transactional
    public void removeMember(Caller caller, OrganizationId pathId, UUID groupId, UserId userId) {
        OrganizationId org = writable(caller, pathId);
        if (!directory.removeMember(org, groupId, userId)) {
            throw notFound("Group member");
        }
        publish(
                caller,
                "group.member_removed",
                "group",
                groupId,
                new Changes().diff("userId", userId.toString(), null),
                org);
    }

    @Transactional
    public Position createPosition(Caller caller, OrganizationId pathId, PositionRequest request) {
        OrganizationId org = writable(caller, pathId);
        Position position = unique(() ->
                directory.insertPosition(org, Ids.next(), Text.required("name", request.name(), 200), caller.actor()));
        publish(caller, "position.created", "position", position.id(), new Changes().set("name", position.name()), org);
        return position;
    }

    @Transactional(readOnly = true)
    public Page<Position> positions(Caller caller, OrganizationId pathId, String cursor, Integer limit) {
        OrganizationId org = readable(caller, pathId);
        int size = Cursor.limit(limit);
        return Page.of(
                directory.positions(org, Cursor.decode(cursor), size + 1),
                size,
                p -> new Cursor(p.createdAt(), p.id()));
    }

    @Transactional(readOnly = true)
    public Position position(Caller caller, OrganizationId pathId, UUID id) {
        return directory.findPosition(readable(caller, pathId), id).orElseThrow(() -> notFound("Position"));
    }

    @Transactional
    public Position updatePosition(Caller caller, OrganizationId pathId, UUID id, Patch<PositionRequest> patch) {
        OrganizationId org = writable(caller, pathId);
        Position current = directory.findPosition(org, id).orElseThrow(() -> notFound("Position"));
        patch.requireNonNull("name");
        String name = patch.has("name") ? Text.required("name", patch.values().name(), 200) : current.name();
        Position updated = unique(() -> directory.updatePosition(org, id, name, caller.actor()));
        publish(caller, "position.updated", "position", id, new Changes().diff("name", current.name(), name), org);
        return updated;
    }

    @Transactional
    public void deletePosition(Caller caller, OrganizationId pathId, UUID id) {
        OrganizationId org = writable(caller, pathId);
        directory.findPosition(org, id).orElseThrow(() -> notFound("Position"));
        directory.deletePosition(org, id);
        publish(caller, "position.deleted", "position", id, new Changes(), org);
    }

    @Transactional(readOnly = true)
    public List<Position> positionsOf(Caller caller, OrganizationId pathId, UserId userId) {
        User user = users.get(caller, pathId, userId);
        return directory.positionsOf(user.organizationId(), userId);
    }

    /** The groups a user belongs to, oldest membership first; needs users:read and groups:read. */
    @Transactional(readOnly = true)
    public List<Membership> groupsOf(Caller caller, OrganizationId pathId, UserId userId) {
        User user = users.get(caller, pathId, userId);
        caller.require(Permission.GROUPS_READ);
        return directory.groupsOf(user.organizationId(), userId);
    }

    @Transactional
    public List<Position> assignPosition(Caller caller, OrganizationId pathId, UserId userId, UUID positionId) {
        OrganizationId org = writable(caller, pathId);
        liveUser(org, userId);
        directory.findPosition(org, positionId).orElseThrow(() -> notFound("Position"));
        directory.addPosition(org, userId, positionId);
        publish(
                caller,
                "user.position_added",
                "user",
                userId.value(),
                new Changes().set("positionId", positionId.toString()),
                org);
        return directory.positionsOf(org, userId);
    }

    @Transactional
    public void unassignPosition(Caller caller, OrganizationId pathId, UserId userId, UUID positionId) {
        OrganizationId org = writable(caller, pathId);
        if (!directory.removePosition(org, userId, positionId)) {
            throw notFound("Position of this user");
        }
        publish(
                caller,
                "user.position_removed",
                "user",
                userId.value(),
                new Changes().diff("positionId", positionId.toString(), null),
                org);
    }

    /** Places a user created with groups or positions, in the creating transaction; unknown ids fail it (400). */
    @EventListener
    void on(UserPlaced placed) {
        OrganizationId org = placed.organizationId();
        placed.caller().require(Permission.GROUPS_MANAGE);
        List<FieldViolation> problems = new ArrayList<>();
        long primaries = placed.groups().stream()
                .filter(g -> Boolean.TRUE.equals(g.isPrimaryOrg()))
                .count();
        if (primaries > 1) {
            problems.add(new FieldViolation("groups", "may mark at most one group as primary"));
        }
        List<UUID> groups = placed.groups().stream()
                .map(g -> g == null ? null : g.groupId())
                .toList();
        Set<UUID> knownGroups = directory.existingGroups(org, nonNull(groups));
        for (int i = 0; i < groups.size(); i++) {
            if (!knownGroups.contains(groups.get(i))) {
                problems.add(new FieldViolation("groups[" + i + "].groupId", "is not a group of this organization"));
            }
        }
        Set<UUID> knownPositions = directory.existingPositions(org, nonNull(placed.positionIds()));
        for (int i = 0; i < placed.positionIds().size(); i++) {
            if (!knownPositions.contains(placed.positionIds().get(i))) {
                problems.add(new FieldViolation("positionIds[" + i + "]", "is not a position of this organization"));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        for (UserPlaced.GroupPlacement group : placed.groups()) {
            directory.putMember(org, group.groupId(), placed.userId(), Boolean.TRUE.equals(group.isPrimaryOrg()));
        }
        for (UUID position : placed.positionIds()) {
            directory.addPosition(org, placed.userId(), position);
        }
    }

    private static List<UUID> nonNull(List<UUID> ids) {
        return ids.stream().filter(Objects::nonNull).distinct().toList();
    }

    private OrganizationId writable(Caller caller, OrganizationId pathId) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.GROUPS_MANAGE);
        return org;
    }

    private OrganizationId readable(Caller caller, OrganizationId pathId) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.GROUPS_READ);
        return org;
    }

    private void liveUser(OrganizationId org, UserId userId) {
        if (users.find(org, userId).deletedAt() != null) {
            throw ProblemException.conflict("user_deleted", "The user is deleted; restore it first.");
        }
    }

    private static <T> T unique(Supplier<T> write) {
        try {
            return write.get();
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("name_taken", "Another one in this organization has this name.");
        }
    }

    private void publish(Caller caller, String action, String type, UUID id, Changes changes, OrganizationId org) {
        events.publishEvent(new ChangeMade(org, caller.actor(), action, type, id.toString(), changes.asMap()));
    }

    private static ProblemException notFound(String what) {
        return ProblemException.notFound(what);
    }
}
