package dev.roster.shared.secret;

import java.util.regex.Pattern;

/**
 * A column that holds sealed secrets, declared as a bean by the feature that owns it, so that plaintext an older
 * Roster left there is sealed on start.
 *
 * @param table the table, a constant of the feature's schema
 * @param column the text or bytea column
 */
public record SealedColumn(String table, String column) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    public SealedColumn {
        if (!IDENTIFIER.matcher(table).matches() || !IDENTIFIER.matcher(column).matches()) {
            throw new IllegalArgumentException("Not an SQL identifier: " + table + "." + column);
        }
    }
}
