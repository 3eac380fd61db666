package dev.roster.imports;

import dev.roster.shared.FieldViolation;
import dev.roster.shared.ProblemException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The people a CSV file lists. Its first record is the header: the columns are matched by name, ignoring case,
 * spaces, hyphens and underscores ({@code First Name} is firstName); email is required, an unknown or repeated
 * column refuses the whole file, so that a misspelt column never drops its data silently.
 */
final class ImportFile {

    /** Data rows a file may hold besides its header. */
    static final int MAX_ROWS = 10_000;

    enum Column {
        EMAIL("email"),
        FIRST_NAME("firstName"),
        LAST_NAME("lastName"),
        ROLES("roles"),
        GROUPS("groups"),
        MANAGER_EMAIL("managerEmail");

        private final String name;

        Column(String name) {
            this.name = name;
        }

        String fieldName() {
            return name;
        }

        static Column named(String header) {
            String key = header.strip().replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
            for (Column column : values()) {
                if (column.name.toLowerCase(Locale.ROOT).equals(key)) {
                    return column;
                }
            }
            return null;
        }
    }

    /**
     * One data record.
     *
     * @param row the line of the file it starts on (the header is line 1)
     * @param cells its cells by column; columns the file lacks are absent
     * @param malformed why the record cannot be read as a row (a wrong number of fields), or null
     */
    record Line(int row, Map<Column, String> cells, String malformed) {

        String cell(Column column) {
            return cells.get(column);
        }
    }

    private ImportFile() {}

    /** Reads the file; 400 for a file without a usable header or without rows, 413 beyond the row limit. */
    static List<Line> read(byte[] csv) {
        List<CsvReader.Record> records = CsvReader.read(csv, MAX_ROWS + 1);
        if (records.isEmpty()) {
            throw invalid("empty_file", "The file is empty; its first line must be a header such as email,firstName.");
        }
        List<Column> columns = header(records.get(0).fields());
        if (records.size() == 1) {
            throw invalid("no_rows", "The file has a header and no rows.");
        }
        List<Line> lines = new ArrayList<>();
        for (CsvReader.Record record : records.subList(1, records.size())) {
            lines.add(line(record, columns));
        }
        return lines;
    }

    private static List<Column> header(List<String> names) {
        List<Column> columns = new ArrayList<>();
        List<FieldViolation> problems = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Column column = Column.named(names.get(i));
            String field = "header[" + (i + 1) + "]";
            if (column == null) {
                problems.add(new FieldViolation(
                        field,
                        Cells.quoted(names.get(i)) + " is not a column Roster knows: email, firstName, lastName,"
                                + " roles, groups, managerEmail"));
            } else if (columns.contains(column)) {
                problems.add(new FieldViolation(field, "repeats the column " + column.fieldName()));
            }
            columns.add(column);
        }
        if (!columns.contains(Column.EMAIL)) {
            problems.add(new FieldViolation("header", "must have an email column"));
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "invalid_header",
                    "The file's first line must name its columns: email, and any of firstName, lastName, roles,"
                            + " groups, managerEmail.",
                    problems,
                    Map.of());
        }
        return columns;
    }

    private static Line line(CsvReader.Record record, List<Column> columns) {
        List<String> fields = record.fields();
        Map<Column, String> cells = new EnumMap<>(Column.class);
        for (int i = 0; i < Math.min(fields.size(), columns.size()); i++) {
            cells.put(columns.get(i), fields.get(i));
        }
        String malformed = fields.size() == columns.size()
                ? null
                : "has " + fields.size() + " fields where the header has " + columns.size();
        return new Line(record.line(), cells, malformed);
    }

    private static ProblemException invalid(String code, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, code, detail);
    }
}
