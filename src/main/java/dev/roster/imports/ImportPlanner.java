package dev.roster.imports;

import dev.roster.directory.DirectoryService;
import dev.roster.role.Role;
import dev.roster.role.RoleAssignmentService;
import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.ProblemException;
import dev.roster.user.UserService;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Checks every row of a file where it is cheap, before anything is created: each cell, emails given twice, roles
 * and groups the organization lacks or the caller may not give, and managers that are neither a row of the file
 * nor a member. A dry run reports these; an import records them as failed rows and never tries them.
 */
@Component
class ImportPlanner {

    private final UserService users;
    private final RoleAssignmentService roles;
    private final DirectoryService directory;

    ImportPlanner(UserService users, RoleAssignmentService roles, DirectoryService directory) {
        this.users = users;
        this.roles = roles;
        this.directory = directory;
    }

    /** The rows of the file, each valid or with the first reason it is not, in file order. */
    List<PlannedRow> plan(Caller caller, OrganizationId org, List<ImportFile.Line> lines, ImportOptions options) {
        List<PlannedRow> rows = new ArrayList<>();
        Map<String, Integer> firstRow = new HashMap<>();
        for (ImportFile.Line line : lines) {
            PlannedRow row = PlannedRow.read(line, options);
            Integer first = row.valid() ? firstRow.putIfAbsent(row.email(), row.row()) : null;
            rows.add(
                    first == null
                            ? row
                            : row.failing(ImportRow.Problem.of("duplicate_email", "email", "is also on row " + first)));
        }
        rows = checkNames(rows, PlannedRow::roles, refusedRoles(caller, org, names(rows, PlannedRow::roles)));
        rows = checkNames(rows, PlannedRow::groups, refusedGroups(caller, org, names(rows, PlannedRow::groups)));
        return checkManagers(caller, org, rows);
    }

    private static Set<String> names(List<PlannedRow> rows, Function<PlannedRow, List<String>> names) {
        Set<String> all = new LinkedHashSet<>();
        rows.stream().filter(PlannedRow::valid).forEach(row -> all.addAll(names.apply(row)));
        return all;
    }

    /** Each role name the caller may not give with a create, with the reason. */
    private Map<String, ImportRow.Problem> refusedRoles(Caller caller, OrganizationId org, Set<String> names) {
        Map<String, Role> found = roles.rolesNamed(caller, org, names);
        Map<String, ImportRow.Problem> refused = new HashMap<>();
        for (String name : names) {
            Role role = found.get(name);
            if (role == null) {
                refused.put(
                        name,
                        ImportRow.Problem.of(
                                "unknown_role", "roles", "names no role of this organization: " + Cells.quoted(name)));
                continue;
            }
            try {
                roles.requireMayGrant(caller, role);
            } catch (ProblemException e) {
                refused.put(name, ImportRow.Problem.of(e.code(), "roles", e.getMessage()));
            }
        }
        return refused;
    }

    /** Each group name the organization lacks, or every one when the caller may not place users in groups. */
    private Map<String, ImportRow.Problem> refusedGroups(Caller caller, OrganizationId org, Set<String> names) {
        Map<String, ImportRow.Problem> refused = new HashMap<>();
        if (names.isEmpty()) {
            return refused;
        }
        Map<String, UUID> found;
        try {
            found = directory.groupIdsByName(caller, org, names);
        } catch (ProblemException e) {
            names.forEach(name -> refused.put(name, ImportRow.Problem.of(e.code(), "groups", e.getMessage())));
            return refused;
        }
        for (String name : names) {
            if (!found.containsKey(name)) {
                refused.put(
                        name,
                        ImportRow.Problem.of(
                                "unknown_group",
                                "groups",
                                "names no group of this organization: " + Cells.quoted(name)));
            }
        }
        return refused;
    }

    private static List<PlannedRow> checkNames(
            List<PlannedRow> rows, Function<PlannedRow, List<String>> names, Map<String, ImportRow.Problem> refused) {
        if (refused.isEmpty()) {
            return rows;
        }
        return rows.stream()
                .map(row -> names.apply(row).stream()
                        .filter(refused::containsKey)
                        .findFirst()
                        .map(name -> row.failing(refused.get(name)))
                        .orElse(row))
                .toList();
    }

    /**
     * A manager must be a member that may manage, or a row of the file that will be created; a row whose manager's
     * row fails fails too, and so on down the reporting line.
     */
    private List<PlannedRow> checkManagers(Caller caller, OrganizationId org, List<PlannedRow> rows) {
        Map<String, Integer> byEmail = new HashMap<>();
        Map<String, List<Integer>> reports = new HashMap<>();
        Set<String> inFile = new HashSet<>();
        Set<String> outside = new LinkedHashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            PlannedRow row = rows.get(i);
            inFile.add(row.email());
            if (row.valid()) {
                byEmail.put(row.email(), i);
            }
            if (row.valid() && row.managerEmail() != null) {
                reports.computeIfAbsent(row.managerEmail(), m -> new ArrayList<>())
                        .add(i);
            }
        }
        Set<String> members =
                users.managersByEmail(caller, org, reports.keySet()).keySet();
        reports.keySet().stream()
                .filter(m -> !inFile.contains(m) && !members.contains(m))
                .forEach(outside::add);
        List<PlannedRow> checked = new ArrayList<>(rows);
        Deque<String> failedEmails = new ArrayDeque<>();
        for (String manager : outside) {
            fail(
                    checked,
                    reports.get(manager),
                    ImportRow.Problem.of(
                            "unknown_manager",
                            "managerEmail",
                            "is neither a row of this file nor an active or invited member"),
                    failedEmails);
        }
        rows.stream().filter(row -> !row.valid()).forEach(row -> failedEmails.add(row.email()));
        while (!failedEmails.isEmpty()) {
            String email = failedEmails.poll();
            Integer holder = byEmail.get(email);
            boolean created = holder != null && checked.get(holder).valid();
            if (created || members.contains(email) || !reports.containsKey(email)) {
                continue;
            }
            fail(
                    checked,
                    reports.remove(email),
                    ImportRow.Problem.of("manager_row_failed", "managerEmail", "names a manager whose own row fails"),
                    failedEmails);
        }
        return checked;
    }

    private static void fail(
            List<PlannedRow> rows, List<Integer> which, ImportRow.Problem problem, Deque<String> failed) {
        for (int i : which) {
            if (rows.get(i).valid()) {
                rows.set(i, rows.get(i).failing(problem));
                failed.add(rows.get(i).email());
            }
        }
    }
}
