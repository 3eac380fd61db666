package dev.roster.role;

import dev.roster.organization.OrganizationService;
import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Changes;
import dev.roster.shared.Cursor;
import dev.roster.shared.Ids;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import dev.roster.shared.Text;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An organization's environments. Reading or renaming one needs the permission across the organization or on that
 * environment (through a role scoped to it); a list shows only the environments the caller may read.
 */
@Service
public class EnvironmentService {

    private final JdbcEnvironmentRepository environments;
    private final OrganizationService organizations;
    private final ApplicationEventPublisher events;

    EnvironmentService(
            JdbcEnvironmentRepository environments,
            OrganizationService organizations,
            ApplicationEventPublisher events) {
        this.environments = environments;
        this.organizations = organizations;
        this.events = events;
    }

    @Transactional
    public Environment create(Caller caller, OrganizationId pathId, EnvironmentRequest request) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.ENVIRONMENTS_MANAGE);
        String name = Text.required("name", request.name(), 100);
        Environment created = unique(() -> environments.insertEnvironment(org, Ids.next(), name, caller.actor()));
        publish(caller, org, "environment.created", created.id(), new Changes().set("name", name));
        return created;
    }

    /** All environments for environments:read across the organization; otherwise those it holds the permission on. */
    @Transactional(readOnly = true)
    public Page<Environment> list(Caller caller, OrganizationId pathId, String cursor, Integer limit) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        Set<UUID> among = null;
        if (!caller.grants().holds(Permission.ENVIRONMENTS_READ)) {
            among = caller.grants().resourcesWith(Permission.ENVIRONMENTS_READ);
            if (among.isEmpty()) {
                caller.require(Permission.ENVIRONMENTS_READ);
            }
        }
        int size = Cursor.limit(limit);
        return Page.of(
                environments.environments(org, among, Cursor.decode(cursor), size + 1),
                size,
                environment -> new Cursor(environment.createdAt(), environment.id()));
    }

    @Transactional(readOnly = true)
    public Environment get(Caller caller, OrganizationId pathId, UUID id) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.requireAnywhere(Permission.ENVIRONMENTS_READ);
        Environment environment = find(org, id);
        caller.require(Permission.ENVIRONMENTS_READ, id);
        return environment;
    }

    @Transactional
    public Environment rename(Caller caller, OrganizationId pathId, UUID id, EnvironmentRequest request) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.requireAnywhere(Permission.ENVIRONMENTS_MANAGE);
        Environment current = find(org, id);
        caller.require(Permission.ENVIRONMENTS_MANAGE, id);
        String name = Text.required("name", request.name(), 100);
        Environment renamed = unique(() -> environments.renameEnvironment(org, id, name, caller.actor()));
        Changes changes = new Changes().diff("name", current.name(), renamed.name());
        if (!changes.isEmpty()) {
            publish(caller, org, "environment.updated", id, changes);
        }
        return renamed;
    }

    /** Deletes an environment no role assignment is scoped to (409 environment_in_use otherwise). */
    @Transactional
    public void delete(Caller caller, OrganizationId pathId, UUID id) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.requireAnywhere(Permission.ENVIRONMENTS_MANAGE);
        Environment current = find(org, id);
        caller.require(Permission.ENVIRONMENTS_MANAGE, id);
        if (environments.environmentInUse(org, id)) {
            throw ProblemException.conflict(
                    "environment_in_use", "Roles are assigned on this environment; remove those assignments first.");
        }
        environments.deleteEnvironment(org, id);
        publish(caller, org, "environment.deleted", id, new Changes().diff("name", current.name(), null));
    }

    private Environment find(OrganizationId org, UUID id) {
        return environments.findEnvironment(org, id).orElseThrow(() -> ProblemException.notFound("Environment"));
    }

    private static <T> T unique(Supplier<T> write) {
        try {
            return write.get();
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict(
                    "environment_name_taken", "Another environment in this organization has this name.");
        }
    }

    private void publish(Caller caller, OrganizationId org, String action, UUID id, Changes changes) {
        events.publishEvent(new ChangeMade(org, caller.actor(), action, "environment", id.toString(), changes.asMap()));
    }
}
