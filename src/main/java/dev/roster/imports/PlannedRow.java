package dev.roster.imports;

import dev.roster.shared.ProblemException;
import dev.roster.shared.Text;
import dev.roster.user.Email;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A row of a file as read and checked before anything is created.
 *
 * @param email lower-cased when valid; as given (control characters escaped) when not
 * @param roles role names, the import's default role when the cell is empty
 * @param groups group names
 * @param managerEmail lower-cased, or null
 * @param error why the row will not be created, or null
 */
record PlannedRow(
        int row,
        String email,
        String firstName,
        String lastName,
        List<String> roles,
        List<String> groups,
        String managerEmail,
        ImportRow.Problem error) {

    private static final int MAX_NAMES = 50;

    /** Reads one line: its cells checked as a create checks them, or the first reason the row cannot be one. */
    static PlannedRow read(ImportFile.Line line, ImportOptions options) {
        String given = line.cell(ImportFile.Column.EMAIL);
        if (line.malformed() != null) {
            return new PlannedRow(
                    line.row(),
                    Cells.shown(given, 320),
                    null,
                    null,
                    List.of(),
                    List.of(),
                    null,
                    ImportRow.Problem.of("malformed_row", null, "The row " + line.malformed() + "."));
        }
        try {
            String email = Email.parse("email", given).value();
            String first = Text.optional("firstName", line.cell(ImportFile.Column.FIRST_NAME), 100);
            String last = Text.optional("lastName", line.cell(ImportFile.Column.LAST_NAME), 100);
            List<String> roleNames = split("roles", line.cell(ImportFile.Column.ROLES), 100);
            List<String> groupNames = split("groups", line.cell(ImportFile.Column.GROUPS), 200);
            String manager = line.cell(ImportFile.Column.MANAGER_EMAIL);
            String managerEmail = manager == null || manager.isBlank()
                    ? null
                    : Email.parse("managerEmail", manager).value();
            if (email.equals(managerEmail)) {
                throw ProblemException.invalid("managerEmail", "cannot be the row's own email");
            }
            return new PlannedRow(
                    line.row(),
                    email,
                    first,
                    last,
                    roleNames.isEmpty() ? List.of(options.defaultRole()) : roleNames,
                    groupNames,
                    managerEmail,
                    null);
        } catch (ProblemException e) {
            String shown = given == null ? "" : Cells.shown(given.strip().toLowerCase(Locale.ROOT), 320);
            return new PlannedRow(line.row(), shown, null, null, List.of(), List.of(), null, ImportRow.Problem.of(e));
        }
    }

    /** Names separated by {@code ;} or {@code |}, trimmed, each at most once. */
    private static List<String> split(String field, String cell, int maxLength) {
        Set<String> names = new LinkedHashSet<>();
        for (String part : cell == null ? new String[0] : cell.split("[;|]")) {
            String name = Text.optional(field, part, maxLength);
            if (name != null) {
                names.add(name);
            }
        }
        if (names.size() > MAX_NAMES) {
            throw ProblemException.invalid(field, "names more than " + MAX_NAMES);
        }
        return List.copyOf(names);
    }

    boolean valid() {
        return error == null;
    }

    /** The row failing for this reason, unless it failed already (the first reason found is kept). */
    PlannedRow failing(ImportRow.Problem problem) {
        return valid() ? new PlannedRow(row, email, firstName, lastName, roles, groups, managerEmail, problem) : this;
    }

    /** The answer's view of a row that will not be created. */
    ImportRow shown(String outcome) {
        return new ImportRow(row, email, outcome, null, error, null);
    }
}
