package dev.roster.scim;

import dev.roster.shared.ProblemException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * A SCIM filter (RFC 7644 section 3.4.2.2) as a tree: comparisons, presence, and, or, not, parentheses and value
 * paths such as {@code emails[type eq "work"]}. Also reads {@code emails[type eq "work"].value eq "x"}, the form
 * Entra ID sends, as the value path with the comparison inside it. Operators and keywords are case-insensitive.
 */
sealed interface ScimFilter {

    Set<String> OPERATORS = Set.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le");

    /** {@code path op value}; {@code value} is a String, Boolean, BigDecimal or null. */
    record Compare(String path, String op, Object value) implements ScimFilter {}

    record Present(String path) implements ScimFilter {}

    record And(ScimFilter left, ScimFilter right) implements ScimFilter {}

    record Or(ScimFilter left, ScimFilter right) implements ScimFilter {}

    record Not(ScimFilter inner) implements ScimFilter {}

    /** {@code attribute[inner]}: some element of a multi-valued attribute matches the inner filter. */
    record ValuePath(String attribute, ScimFilter inner) implements ScimFilter {}

    static ScimFilter parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid("the filter is empty");
        }
        if (text.length() > 4096) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "scim_invalidFilter", "The filter is too long.");
        }
        Parser parser = new Parser(Tokens.of(text));
        ScimFilter filter = parser.or();
        if (parser.position < parser.tokens.size()) {
            throw invalid("unexpected " + parser.tokens.get(parser.position));
        }
        return filter;
    }

    static ProblemException invalid(String why) {
        return new ProblemException(
                HttpStatus.BAD_REQUEST, "scim_invalidFilter", "The filter is invalid: " + why + ".");
    }

    /** The tokens of a filter: brackets, string literals (kept with their quotes) and words. */
    final class Tokens {

        private Tokens() {}

        static List<String> of(String text) {
            List<String> tokens = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if ("()[]".indexOf(c) >= 0) {
                    tokens.add(String.valueOf(c));
                    i++;
                } else if (c == '"') {
                    int end = i + 1;
                    StringBuilder literal = new StringBuilder("\"");
                    while (end < text.length() && text.charAt(end) != '"') {
                        char d = text.charAt(end);
                        if (d == '\\' && end + 1 < text.length()) {
                            end++;
                            d = switch (text.charAt(end)) {
                                case 'n' -> '\n';
                                case 't' -> '\t';
                                case 'r' -> '\r';
                                default -> text.charAt(end);
                            };
                        }
                        literal.append(d);
                        end++;
                    }
                    if (end >= text.length()) {
                        throw invalid("a string is not closed");
                    }
                    tokens.add(literal.toString());
                    i = end + 1;
                } else {
                    int end = i;
                    while (end < text.length()
                            && !Character.isWhitespace(text.charAt(end))
                            && "()[]\"".indexOf(text.charAt(end)) < 0) {
                        end++;
                    }
                    tokens.add(text.substring(i, end));
                    i = end;
                }
            }
            return tokens;
        }
    }

    /** Recursive descent: or binds looser than and, and looser than not. */
    final class Parser {

        private final List<String> tokens;
        private int position;
        private int depth;

        Parser(List<String> tokens) {
            this.tokens = tokens;
        }

        ScimFilter or() {
            ScimFilter left = and();
            while (keyword("or")) {
                left = new Or(left, and());
            }
            return left;
        }

        private ScimFilter and() {
            ScimFilter left = unary();
            while (keyword("and")) {
                left = new And(left, unary());
            }
            return left;
        }

        private ScimFilter unary() {
            if (++depth > 50) {
                throw invalid("it nests too deeply");
            }
            try {
                if (keyword("not")) {
                    expect("(");
                    ScimFilter inner = or();
                    expect(")");
                    return new Not(inner);
                }
                if (peek("(")) {
                    position++;
                    ScimFilter inner = or();
                    expect(")");
                    return inner;
                }
                return attribute();
            } finally {
                depth--;
            }
        }

        private ScimFilter attribute() {
            String path = next("an attribute");
            if (path.startsWith("\"") || OPERATORS.contains(path.toLowerCase(Locale.ROOT))) {
                throw invalid("expected an attribute, found " + path);
            }
            if (peek("[")) {
                position++;
                ScimFilter inner = or();
                expect("]");
                if (position < tokens.size() && tokens.get(position).startsWith(".")) {
                    String sub = tokens.get(position++).substring(1);
                    return new ValuePath(path, new And(inner, comparison(sub)));
                }
                return new ValuePath(path, inner);
            }
            return comparison(path);
        }

        private ScimFilter comparison(String path) {
            String op = next("an operator").toLowerCase(Locale.ROOT);
            if (op.equals("pr")) {
                return new Present(path);
            }
            if (!OPERATORS.contains(op)) {
                throw invalid("unknown operator " + op);
            }
            return new Compare(path, op, value(next("a value")));
        }

        private static Object value(String token) {
            if (token.startsWith("\"")) {
                return token.substring(1);
            }
            switch (token.toLowerCase(Locale.ROOT)) {
                case "true":
                    return Boolean.TRUE;
                case "false":
                    return Boolean.FALSE;
                case "null":
                    return null;
                default:
                    try {
                        return new BigDecimal(token);
                    } catch (NumberFormatException e) {
                        throw invalid("a value must be a quoted string, a number, true, false or null, not " + token);
                    }
            }
        }

        private boolean keyword(String word) {
            if (position < tokens.size() && tokens.get(position).equalsIgnoreCase(word)) {
                position++;
                return true;
            }
            return false;
        }

        private boolean peek(String token) {
            return position < tokens.size() && tokens.get(position).equals(token);
        }

        private void expect(String token) {
            if (!peek(token)) {
                throw invalid("expected " + token);
            }
            position++;
        }

        private String next(String what) {
            if (position >= tokens.size()) {
                throw invalid("expected " + what + " at the end");
            }
            return tokens.get(position++);
        }
    }
}
