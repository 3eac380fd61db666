package dev.roster.user;

import dev.roster.shared.ProblemException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An email address as Roster keeps it: trimmed, lower-cased, at most 254 characters with a local part of at most 64
 * (RFC 5321), a dot-atom local part and a domain of DNS labels. CR, LF and every other control character are
 * rejected, so an address can never add a mail header.
 */
public record Email(String value) {

    private static final Pattern LOCAL =
            Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN =
            Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    public Email {
        if (value == null || value.length() > 254) {
            throw new IllegalArgumentException("invalid email");
        }
    }

    /** Normalises and checks text from a request; fails with 400 naming {@code field}. */
    public static Email parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid(field, "is required");
        }
        String email = text.strip().toLowerCase(Locale.ROOT);
        if (email.length() > 254) {
            throw ProblemException.invalid(field, "must be at most 254 characters");
        }
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            throw ProblemException.invalid(field, "must be an email address such as ada@example.com");
        }
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        if (local.length() > 64) {
            throw ProblemException.invalid(field, "must have at most 64 characters before the @");
        }
        if (!LOCAL.matcher(local).matches() || !DOMAIN.matcher(domain).matches()) {
            throw ProblemException.invalid(field, "must be an email address such as ada@example.com");
        }
        return new Email(email);
    }

    @Override
    public String toString() {
        return value;
    }
}
