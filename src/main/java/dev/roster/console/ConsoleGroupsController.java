package dev.roster.console;

import dev.roster.directory.DirectoryService;
import dev.roster.directory.Group;
import dev.roster.directory.GroupRequest;
import dev.roster.shared.Caller;
import dev.roster.shared.Page;
import dev.roster.shared.Patch;
import dev.roster.shared.Permission;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/** The organization's groups with how many members each has (groups:read; changes need groups:manage). */
@Controller
@Hidden
@RequestMapping("/console/groups")
class ConsoleGroupsController extends NamedThingsController {

    private final DirectoryService directory;

    ConsoleGroupsController(DirectoryService directory) {
        super(new NamedKind(
                "/console/groups",
                "Groups",
                "group",
                true,
                true,
                "Groups are departments, teams or any other set of members; a member may be in several, one of them"
                        + " its primary group."));
        this.directory = directory;
    }

    @Override
    Page<NamedRow> page(Caller caller, String cursor) {
        Page<Group> page = directory.groups(caller, null, cursor, ConsoleMembersController.PAGE_SIZE);
        Map<UUID, Long> members = directory.memberCounts(
                caller, null, page.data().stream().map(Group::id).toList());
        return new Page<>(page.data().stream().map(group -> row(group, members)).toList(), page.nextCursor());
    }

    @Override
    NamedRow find(Caller caller, UUID id) {
        return row(directory.group(caller, null, id), directory.memberCounts(caller, null, List.of(id)));
    }

    @Override
    UUID create(Caller caller, String name, String type) {
        return directory.createGroup(caller, null, new GroupRequest(name, type)).id();
    }

    @Override
    void rename(Caller caller, UUID id, String name, String type) {
        directory.updateGroup(caller, null, id, new Patch<>(new GroupRequest(name, type), Set.of("name", "type")));
    }

    @Override
    void delete(Caller caller, UUID id) {
        directory.deleteGroup(caller, null, id);
    }

    @Override
    boolean manages(Caller caller, UUID id) {
        return caller.grants().holds(Permission.GROUPS_MANAGE);
    }

    private static NamedRow row(Group group, Map<UUID, Long> members) {
        return new NamedRow(
                group.id(),
                group.name(),
                group.type(),
                members.getOrDefault(group.id(), 0L),
                group.updatedAt(),
                group.updatedBy());
    }
}
