package dev.roster.scim;

import dev.roster.directory.DirectoryService;
import dev.roster.directory.Group;
import dev.roster.directory.GroupRequest;
import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Patch;
import dev.roster.shared.RosterProperties;
import dev.roster.shared.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SCIM Groups on {@link DirectoryService}'s groups. Member changes go to the directory as whole lists (one
 * statement each, however large the group), never member by member, and never replace the members unless the
 * request says so.
 */
@Service
public class ScimGroupService {

    static final String TYPE = "Group";

    private final DirectoryService directory;
    private final JdbcScimResourceRepository resources;
    private final JsonMapper json;
    private final String base;

    ScimGroupService(
            DirectoryService directory,
            JdbcScimResourceRepository resources,
            JsonMapper json,
            RosterProperties properties) {
        this.directory = directory;
        this.resources = resources;
        this.json = json;
        this.base = properties.publicUrl().replaceAll("/+$", "") + "/scim/v2";
    }

    /** Creates a group with its members; a taken displayName is 409 uniqueness. */
    @Transactional
    public ObjectNode create(Caller caller, JsonNode body) {
        OrganizationId org = organization(caller);
        Input input = read(body);
        Group group = directory.createGroup(caller, null, new GroupRequest(input.displayName(), null));
        if (input.members() != null && !input.members().isEmpty()) {
            directory.addMembers(caller, null, group.id(), input.members());
        }
        resources.save(org, TYPE, group.id(), caller.keyId(), input.externalId(), null, input.kept());
        return render(caller, org, group, true);
    }

    @Transactional(readOnly = true)
    public ObjectNode get(Caller caller, UUID id, boolean withMembers) {
        return render(caller, organization(caller), directory.group(caller, null, id), withMembers);
    }

    @Transactional(readOnly = true)
    public ObjectNode search(Caller caller, ScimListQuery query, ObjectNode list) {
        OrganizationId org = organization(caller);
        Map<String, Object> params = new HashMap<>();
        String condition = query.filter() == null
                ? "true"
                : ScimFilterSql.where(ScimSchema.GROUPS, ScimFilter.parse(query.filter()), params);
        JdbcScimResourceRepository.Page page =
                resources.groups(org, condition, params, query.startIndex() - 1L, query.count());
        boolean withMembers = wantsMembers(query);
        Map<UUID, List<JdbcScimResourceRepository.Ref>> members =
                withMembers ? resources.membersOf(org, page.ids()) : Map.of();
        Map<UUID, Group> groups = new HashMap<>();
        if (!page.rows().isEmpty()) {
            directory.groups(caller, null, page.ids()).forEach(group -> groups.put(group.id(), group));
        }
        ScimLists.fill(list, page.total(), query.startIndex());
        ArrayNode resourcesNode = list.putArray("Resources");
        for (JdbcScimResourceRepository.Row row : page.rows()) {
            Group group = groups.get(row.id());
            if (group != null) {
                resourcesNode.add(ScimJson.project(
                        render(group, row.stored(), withMembers ? members.getOrDefault(row.id(), List.of()) : null),
                        query.attributes(),
                        query.excluded()));
            }
        }
        list.put("itemsPerPage", resourcesNode.size());
        return list;
    }

    /** PUT: displayName and externalId as given; the members as given when the body has them, else unchanged. */
    @Transactional
    public ObjectNode replace(Caller caller, UUID id, JsonNode body, String ifMatch) {
        OrganizationId org = organization(caller);
        Input input = read(body);
        Group current = directory.group(caller, null, id);
        ScimVersions.check(ifMatch, version(current, resources.find(org, id).orElse(null)));
        rename(caller, current, input.displayName());
        if (input.members() != null) {
            directory.replaceMembers(caller, null, id, input.members());
        }
        resources.save(org, TYPE, id, caller.keyId(), input.externalId(), null, input.kept());
        return render(caller, org, directory.group(caller, null, id), true);
    }

    /**
     * Applies PATCH operations: those on members become bulk adds and removes, the others apply to the group's JSON
     * (displayName, externalId, attributes kept as sent).
     */
    @Transactional
    public void patch(Caller caller, UUID id, JsonNode body, String ifMatch) {
        OrganizationId org = organization(caller);
        List<ScimPatch.Operation> operations = ScimPatch.operations(body, ScimAttributes.GROUP);
        Group current = directory.group(caller, null, id);
        ScimPatch.checkMutability(operations, ScimAttributes.GROUP, id);
        StoredResource stored = resources.find(org, id).orElse(null);
        ScimVersions.check(ifMatch, version(current, stored));
        ObjectNode resource = render(current, stored, null);
        for (ScimPatch.Operation operation : operations) {
            ScimPatch.Operation rest = members(caller, id, operation);
            if (rest != null) {
                ScimPatch.apply(resource, rest);
            }
        }
        resource.remove("meta");
        Input input = read(resource);
        rename(caller, current, input.displayName());
        // Saved even when only members changed, so that the version (the ETag) moves with them.
        resources.save(org, TYPE, id, caller.keyId(), input.externalId(), null, input.kept());
    }

    @Transactional
    public void delete(Caller caller, UUID id, String ifMatch) {
        OrganizationId org = organization(caller);
        Group current = directory.group(caller, null, id);
        ScimVersions.check(ifMatch, version(current, resources.find(org, id).orElse(null)));
        directory.deleteGroup(caller, null, id);
        resources.delete(org, id);
    }

    /**
     * Carries out the part of an operation that is about members; returns what is left for the JSON (null when
     * nothing is).
     */
    private ScimPatch.Operation members(Caller caller, UUID group, ScimPatch.Operation operation) {
        if (operation.path() == null) {
            if (operation.value() == null || !operation.value().isObject()) {
                return operation;
            }
            ObjectNode value = (ObjectNode) operation.value().deepCopy();
            String key = ScimJson.key(value, "members");
            JsonNode members = value.remove(key);
            if (members != null) {
                changeMembers(caller, group, operation.op(), ids(members));
            }
            return value.isEmpty() ? null : new ScimPatch.Operation(operation.op(), null, value);
        }
        ScimPath path = ScimPath.parse(operation.path());
        if (path.extension() != null || !path.attribute().equalsIgnoreCase("members")) {
            return operation;
        }
        if (path.filter() != null) {
            // members[value eq "id"]: Okta's removal of one member.
            Set<UserId> named = new LinkedHashSet<>();
            collectValues(path.filter(), named);
            if (!operation.op().equals("remove") || named.isEmpty() || path.sub() != null) {
                throw ScimPatch.value("a members value filter is members[value eq \"id\"] in a remove");
            }
            directory.removeMembers(caller, null, group, named);
            return null;
        }
        if (operation.op().equals("remove") && operation.value() == null) {
            directory.replaceMembers(caller, null, group, List.of());
            return null;
        }
        changeMembers(caller, group, operation.op(), ids(operation.value()));
        return null;
    }

    private void changeMembers(Caller caller, UUID group, String op, List<UserId> ids) {
        switch (op) {
            case "add" -> directory.addMembers(caller, null, group, ids);
            case "remove" -> directory.removeMembers(caller, null, group, ids);
            default -> directory.replaceMembers(caller, null, group, ids);
        }
    }

    private static void collectValues(ScimFilter filter, Set<UserId> into) {
        if (filter instanceof ScimFilter.Or or) {
            collectValues(or.left(), into);
            collectValues(or.right(), into);
        } else if (filter instanceof ScimFilter.Compare compare
                && compare.op().equals("eq")
                && compare.path().equalsIgnoreCase("value")
                && compare.value() instanceof String id) {
            into.add(userId(id));
        } else {
            throw ScimPatch.value("a members value filter is value eq \"id\", joined by or");
        }
    }

    /** The user ids of a members value: an array of {@code {"value": id}}, or one such object. */
    private static List<UserId> ids(JsonNode members) {
        List<UserId> ids = new ArrayList<>();
        if (members == null || members.isNull()) {
            return ids;
        }
        for (JsonNode member : members.isArray() ? members : List.of(members)) {
            String value = member.isObject() ? ScimJson.text(member, "value") : member.asString();
            if (value == null) {
                throw ScimPatch.value("each member has a value, the user's id");
            }
            ids.add(userId(value));
        }
        if (ids.size() > 20_000) {
            throw new dev.roster.shared.ProblemException(
                    org.springframework.http.HttpStatus.BAD_REQUEST, "scim_tooMany", "At most 20000 members at once.");
        }
        return ids;
    }

    private static UserId userId(String value) {
        try {
            return new UserId(UUID.fromString(value.strip()));
        } catch (IllegalArgumentException e) {
            throw ScimPatch.value(value + " is not the id of a user of this organization");
        }
    }

    private void rename(Caller caller, Group current, String displayName) {
        if (!displayName.equals(current.name())) {
            directory.updateGroup(
                    caller, null, current.id(), new Patch<>(new GroupRequest(displayName, null), Set.of("name")));
        }
    }

    private record Input(String displayName, String externalId, List<UserId> members, ObjectNode kept) {}

    private Input read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimPatch.syntax("the body is a JSON object");
        }
        String displayName = ScimJson.text(body, "displayName");
        if (displayName == null || displayName.isBlank()) {
            throw ScimPatch.value("displayName is required");
        }
        JsonNode members = ScimJson.get(body, "members");
        ObjectNode kept = json.createObjectNode();
        body.properties().forEach(e -> {
            String lower = e.getKey().toLowerCase(Locale.ROOT);
            if (!Set.of("id", "meta", "schemas", "members", "displayname").contains(lower)) {
                kept.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return new Input(
                displayName.strip(), ScimJson.text(body, "externalId"), members == null ? null : ids(members), kept);
    }

    private boolean wantsMembers(ScimListQuery query) {
        boolean excluded = query.excluded().stream().anyMatch(a -> a.equalsIgnoreCase("members"));
        boolean notAsked = !query.attributes().isEmpty()
                && query.attributes().stream()
                        .noneMatch(a -> a.toLowerCase(Locale.ROOT).startsWith("members"));
        return !excluded && !notAsked;
    }

    private ObjectNode render(Caller caller, OrganizationId org, Group group, boolean withMembers) {
        return render(
                group,
                resources.find(org, group.id()).orElse(null),
                withMembers ? resources.membersOf(org, List.of(group.id())).getOrDefault(group.id(), List.of()) : null);
    }

    /** @param members null to leave the attribute out ({@code excludedAttributes=members}) */
    private ObjectNode render(Group group, StoredResource stored, List<JdbcScimResourceRepository.Ref> members) {
        ObjectNode resource = json.createObjectNode();
        resource.putArray("schemas").add(ScimSchema.CORE_GROUP);
        resource.put("id", group.id().toString());
        resource.put("displayName", group.name());
        if (stored != null) {
            String externalId = ScimJson.text(stored.attributes(), "externalId");
            stored.attributes().properties().forEach(e -> resource.set(e.getKey(), e.getValue()));
            resource.remove("externalId");
            if (externalId != null) {
                resource.put("externalId", externalId);
            }
        }
        if (members != null) {
            ArrayNode list = resource.putArray("members");
            for (JdbcScimResourceRepository.Ref member : members) {
                list.addObject()
                        .put("value", member.id().toString())
                        .put("display", member.display())
                        .put("$ref", base + "/Users/" + member.id())
                        .put("type", "User");
            }
        }
        Instant lastModified = stored == null || stored.updatedAt().isBefore(group.updatedAt())
                ? group.updatedAt()
                : stored.updatedAt();
        ObjectNode meta = resource.putObject("meta");
        meta.put("resourceType", "Group");
        meta.put("created", group.createdAt().toString());
        meta.put("lastModified", lastModified.toString());
        meta.put("location", base + "/Groups/" + group.id());
        meta.put("version", version(group, stored));
        return resource;
    }

    private static String version(Group group, StoredResource stored) {
        Instant at = group.updatedAt();
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        return "W/\"" + Long.toString(micros, 36) + (stored == null ? "" : "." + stored.version()) + "\"";
    }

    private static OrganizationId organization(Caller caller) {
        return new OrganizationId(caller.organizationId());
    }
}
