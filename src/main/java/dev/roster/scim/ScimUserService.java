package dev.roster.scim;

import dev.roster.auth.SsoRequirement;
import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Patch;
import dev.roster.shared.ProblemException;
import dev.roster.shared.UserId;
import dev.roster.user.CreateUserRequest;
import dev.roster.user.UpdateUserRequest;
import dev.roster.user.User;
import dev.roster.user.UserService;
import dev.roster.user.UserStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SCIM Users on {@link UserService}: each request is one transaction that goes through the same create, update,
 * deactivate, reactivate and delete as Roster's own API, so the seat limit, email uniqueness, the manager rules,
 * audit (actor {@code scim_token:<id>}) and webhooks hold as they do there.
 */
@Service
public class ScimUserService {

    static final String TYPE = "User";

    private final UserService users;
    private final JdbcScimResourceRepository resources;
    private final ScimSettingsService settings;
    private final ScimUsers mapping;
    private final SsoRequirement ssoRequirement;

    ScimUserService(
            UserService users,
            JdbcScimResourceRepository resources,
            ScimSettingsService settings,
            ScimUsers mapping,
            SsoRequirement ssoRequirement) {
        this.users = users;
        this.resources = resources;
        this.settings = settings;
        this.mapping = mapping;
        this.ssoRequirement = ssoRequirement;
    }

    /**
     * Creates a user: active with no email unless the organization's {@code scimSendsInvitations} is true, when it
     * is invited as usual; a user whose verified domain requires SSO is never invited (it signs in only through
     * its provider). 409 uniqueness for a taken userName, 403 naming the limit for a full plan.
     */
    @Transactional
    public ObjectNode create(Caller caller, JsonNode body) {
        OrganizationId org = organization(caller);
        ScimUsers.Input input = mapping.read(body);
        CreateUserRequest request = CreateUserRequest.builder(input.email())
                .firstName(input.givenName())
                .lastName(input.familyName())
                .name(name(input))
                .externalId(input.externalId())
                .managerId(input.managerId())
                .sendInvitation(settings.sendsInvitations(org) && !ssoRequirement.requiresSso(org, input.email()))
                .build();
        User user = users.create(caller, null, request);
        if (Boolean.FALSE.equals(input.active())) {
            user = users.deactivate(caller, null, user.id());
        }
        resources.save(
                org, TYPE, user.id().value(), caller.keyId(), input.externalId(), input.userName(), input.kept());
        return render(org, user);
    }

    @Transactional(readOnly = true)
    public ObjectNode get(Caller caller, UUID id) {
        return render(organization(caller), live(caller, id));
    }

    /**
     * A page of the users a filter matches, in creation order, as a ListResponse: two statements, one for the page
     * (with what SCIM keeps of each user and its groups) and one for the users themselves. They run without a
     * transaction, which would cost two more round trips on the lookup a directory makes before every change: a
     * user deleted between the two is left out of the page, as if the page had been read a moment later.
     */
    public ObjectNode search(Caller caller, ScimListQuery query, ObjectNode list) {
        OrganizationId org = organization(caller);
        Map<String, Object> params = new HashMap<>();
        String condition = query.filter() == null
                ? "true"
                : ScimFilterSql.where(ScimSchema.USERS, ScimFilter.parse(query.filter()), params);
        JdbcScimResourceRepository.Page page =
                resources.users(org, condition, params, query.startIndex() - 1L, query.count());
        Map<UUID, User> byId = page.rows().isEmpty()
                ? Map.of()
                : users
                        .getAll(
                                caller,
                                null,
                                page.ids().stream().map(UserId::new).toList())
                        .stream()
                        .collect(Collectors.toMap(u -> u.id().value(), Function.identity()));
        ScimLists.fill(list, page.total(), query.startIndex());
        var resourcesNode = list.putArray("Resources");
        for (JdbcScimResourceRepository.Row row : page.rows()) {
            User user = byId.get(row.id());
            if (user != null) {
                resourcesNode.add(ScimJson.project(
                        mapping.render(user, row.stored(), row.groups()), query.attributes(), query.excluded()));
            }
        }
        list.put("itemsPerPage", resourcesNode.size());
        return list;
    }

    /** Replaces the user's attributes with the body's (PUT): what the body leaves out is cleared. */
    @Transactional
    public ObjectNode replace(Caller caller, UUID id, JsonNode body, String ifMatch) {
        OrganizationId org = organization(caller);
        User current = live(caller, id);
        ScimVersions.check(
                ifMatch, ScimUsers.version(current, resources.find(org, id).orElse(null)));
        return write(caller, org, current, mapping.read(body));
    }

    /** Applies PATCH operations to the user's SCIM representation, then writes the result as a PUT would. */
    @Transactional
    public ObjectNode patch(Caller caller, UUID id, JsonNode body, String ifMatch) {
        OrganizationId org = organization(caller);
        List<ScimPatch.Operation> operations = ScimPatch.operations(body, ScimAttributes.USER);
        User current = live(caller, id);
        ScimPatch.checkMutability(operations, ScimAttributes.USER, id);
        ObjectNode resource = render(org, current);
        ScimVersions.check(ifMatch, resource.path("meta").path("version").asString());
        for (ScimPatch.Operation operation : operations) {
            ScimPatch.apply(resource, operation);
        }
        resource.remove("meta");
        resource.remove("groups");
        return write(caller, org, current, mapping.read(resource));
    }

    /** Roster's soft delete: the seat and the email are freed, and a later GET is 404. */
    @Transactional
    public void delete(Caller caller, UUID id, String ifMatch) {
        OrganizationId org = organization(caller);
        User current = live(caller, id);
        ScimVersions.check(
                ifMatch, ScimUsers.version(current, resources.find(org, id).orElse(null)));
        users.delete(caller, null, current.id());
        resources.releaseUserName(org, id);
    }

    private ObjectNode write(Caller caller, OrganizationId org, User current, ScimUsers.Input input) {
        UpdateUserRequest.Builder patch = UpdateUserRequest.patch();
        boolean changed = false;
        if (!input.email().equalsIgnoreCase(current.email())) {
            patch.email(input.email());
            changed = true;
        }
        if (!Objects.equals(input.givenName(), current.firstName())) {
            patch.firstName(input.givenName());
            changed = true;
        }
        if (!Objects.equals(input.familyName(), current.lastName())) {
            patch.lastName(input.familyName());
            changed = true;
        }
        String name = name(input);
        if (!Objects.equals(name, current.name())) {
            patch.name(name);
            changed = true;
        }
        if (!Objects.equals(input.externalId(), current.externalId())) {
            patch.externalId(input.externalId());
            changed = true;
        }
        UUID manager = current.managerId() == null ? null : current.managerId().value();
        if (!Objects.equals(input.managerId(), manager)) {
            patch.managerId(input.managerId());
            changed = true;
        }
        Patch<UpdateUserRequest> built = patch.build();
        User user = changed ? users.update(caller, null, current.id(), built) : current;
        if (Boolean.FALSE.equals(input.active()) && user.status() != UserStatus.DEACTIVATED) {
            user = users.deactivate(caller, null, user.id());
        } else if (Boolean.TRUE.equals(input.active()) && user.status() == UserStatus.DEACTIVATED) {
            user = users.reactivate(caller, null, user.id());
        }
        resources.save(
                org, TYPE, user.id().value(), caller.keyId(), input.externalId(), input.userName(), input.kept());
        return render(org, users.find(org, user.id()));
    }

    /** Roster keeps displayName as the user's name only when it is more than the given and family names. */
    private static String name(ScimUsers.Input input) {
        if (input.displayName() == null || input.displayName().isBlank()) {
            return null;
        }
        String joined = ((input.givenName() == null ? "" : input.givenName()) + " "
                        + (input.familyName() == null ? "" : input.familyName()))
                .strip();
        return input.displayName().strip().equals(joined)
                ? null
                : input.displayName().strip();
    }

    private ObjectNode render(OrganizationId org, User user) {
        UUID id = user.id().value();
        return mapping.render(
                user,
                resources.find(org, id).orElse(null),
                resources.groupsOf(org, List.of(id)).getOrDefault(id, List.of()));
    }

    /** A live user of the token's organization; a deleted one is 404, as if it never was. */
    private User live(Caller caller, UUID id) {
        User user = users.get(caller, null, new UserId(id));
        if (user.deletedAt() != null) {
            throw ProblemException.notFound("User");
        }
        return user;
    }

    private static OrganizationId organization(Caller caller) {
        return new OrganizationId(caller.organizationId());
    }
}
