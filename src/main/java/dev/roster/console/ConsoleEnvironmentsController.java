package dev.roster.console;

import dev.roster.role.Environment;
import dev.roster.role.EnvironmentRequest;
import dev.roster.role.EnvironmentService;
import dev.roster.shared.Caller;
import dev.roster.shared.Page;
import dev.roster.shared.Permission;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/** The organization's environments (environments:read; changes need environments:manage). */
@Controller
@Hidden
@RequestMapping("/console/environments")
class ConsoleEnvironmentsController extends NamedThingsController {

    private final EnvironmentService environments;

    ConsoleEnvironmentsController(EnvironmentService environments) {
        super(new NamedKind(
                "/console/environments",
                "Environments",
                "environment",
                false,
                false,
                "Environments (such as production or staging) are what a role can be held on instead of the whole"
                        + " organization."));
        this.environments = environments;
    }

    @Override
    Page<NamedRow> page(Caller caller, String cursor) {
        Page<Environment> page = environments.list(caller, null, cursor, ConsoleMembersController.PAGE_SIZE);
        return new Page<>(
                page.data().stream().map(ConsoleEnvironmentsController::row).toList(), page.nextCursor());
    }

    @Override
    NamedRow find(Caller caller, UUID id) {
        return row(environments.get(caller, null, id));
    }

    @Override
    UUID create(Caller caller, String name, String type) {
        return environments.create(caller, null, new EnvironmentRequest(name)).id();
    }

    @Override
    void rename(Caller caller, UUID id, String name, String type) {
        environments.rename(caller, null, id, new EnvironmentRequest(name));
    }

    @Override
    void delete(Caller caller, UUID id) {
        environments.delete(caller, null, id);
    }

    @Override
    boolean manages(Caller caller, UUID id) {
        return caller.grants().holds(Permission.ENVIRONMENTS_MANAGE, id);
    }

    private static NamedRow row(Environment environment) {
        return new NamedRow(
                environment.id(), environment.name(), null, null, environment.updatedAt(), environment.updatedBy());
    }
}
