package dev.roster.console;

import dev.roster.directory.DirectoryService;
import dev.roster.directory.Position;
import dev.roster.directory.PositionRequest;
import dev.roster.shared.Caller;
import dev.roster.shared.Page;
import dev.roster.shared.Patch;
import dev.roster.shared.Permission;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/** The organization's positions (groups:read; changes need groups:manage). */
@Controller
@Hidden
@RequestMapping("/console/positions")
class ConsolePositionsController extends NamedThingsController {

    private final DirectoryService directory;

    ConsolePositionsController(DirectoryService directory) {
        super(new NamedKind(
                "/console/positions",
                "Positions",
                "position",
                false,
                false,
                "Positions are job titles, such as Engineer or Sales lead; a member may hold several."));
        this.directory = directory;
    }

    @Override
    Page<NamedRow> page(Caller caller, String cursor) {
        Page<Position> page = directory.positions(caller, null, cursor, ConsoleMembersController.PAGE_SIZE);
        return new Page<>(
                page.data().stream().map(ConsolePositionsController::row).toList(), page.nextCursor());
    }

    @Override
    NamedRow find(Caller caller, UUID id) {
        return row(directory.position(caller, null, id));
    }

    @Override
    UUID create(Caller caller, String name, String type) {
        return directory.createPosition(caller, null, new PositionRequest(name)).id();
    }

    @Override
    void rename(Caller caller, UUID id, String name, String type) {
        directory.updatePosition(caller, null, id, new Patch<>(new PositionRequest(name), Set.of("name")));
    }

    @Override
    void delete(Caller caller, UUID id) {
        directory.deletePosition(caller, null, id);
    }

    @Override
    boolean manages(Caller caller, UUID id) {
        return caller.grants().holds(Permission.GROUPS_MANAGE);
    }

    private static NamedRow row(Position position) {
        return new NamedRow(position.id(), position.name(), null, null, position.updatedAt(), position.updatedBy());
    }
}
