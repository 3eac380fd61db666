package dev.roster.imports;

import dev.roster.shared.FieldViolation;
import dev.roster.shared.ProblemException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A strict reader of RFC 4180 CSV in UTF-8 (a byte order mark is dropped): fields separated by commas, records by
 * CRLF or LF; a field in double quotes may hold commas, line breaks and doubled quotes. A quote inside an unquoted
 * field, text after a closing quote, a bare CR or a quote never closed is refused with the line it is on, since
 * reading on would shift every later field. Records whose fields are all empty (a spreadsheet's blank lines) are
 * left out.
 */
final class CsvReader {

    /**
     * One record.
     *
     * @param line the line of the file it starts on (1 for the first)
     */
    record Record(int line, List<String> fields) {}

    private final String text;
    private int at;
    private int line = 1;

    private CsvReader(String text) {
        this.text = text;
    }

    /**
     * The records of the file, at most {@code maxRecords} of them (413 {@code too_many_rows} beyond); 400 {@code
     * invalid_encoding} for bytes that are not UTF-8 and {@code malformed_csv} for broken quoting.
     */
    static List<Record> read(byte[] bytes, int maxRecords) {
        String text = decode(bytes);
        CsvReader reader = new CsvReader(text.startsWith("\uFEFF") ? text.substring(1) : text);
        List<Record> records = new ArrayList<>();
        while (reader.at < reader.text.length()) {
            Record record = reader.record();
            if (record.fields().stream().allMatch(String::isEmpty)) {
                continue;
            }
            if (records.size() == maxRecords) {
                throw new ProblemException(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "too_many_rows",
                        "The file has more than " + (maxRecords - 1) + " rows besides its header.",
                        List.of(),
                        Map.of("maxRows", maxRecords - 1));
            }
            records.add(record);
        }
        return records;
    }

    private static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "invalid_encoding",
                    "The file is not UTF-8 text; save it as CSV UTF-8.",
                    List.of(new FieldViolation("body", "is not UTF-8")),
                    Map.of());
        }
    }

    private Record record() {
        int start = line;
        List<String> fields = new ArrayList<>();
        while (true) {
            fields.add(at < text.length() && text.charAt(at) == '"' ? quoted() : unquoted());
            if (at >= text.length()) {
                return new Record(start, fields);
            }
            char c = text.charAt(at);
            if (c == ',') {
                at++;
            } else {
                endOfLine();
                return new Record(start, fields);
            }
        }
    }

    private String unquoted() {
        int from = at;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == ',' || c == '\n' || c == '\r') {
                break;
            }
            if (c == '"') {
                throw malformed("a quote inside a field that does not start with one; put the field in quotes and"
                        + " double the quote");
            }
            at++;
        }
        return text.substring(from, at);
    }

    private String quoted() {
        int opened = line;
        StringBuilder field = new StringBuilder();
        at++;
        while (true) {
            if (at >= text.length()) {
                line = opened;
                throw malformed("a quoted field starts here and is never closed");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                if (at < text.length() && text.charAt(at) == '"') {
                    field.append('"');
                    at++;
                    continue;
                }
                if (at < text.length() && ",\r\n".indexOf(text.charAt(at)) < 0) {
                    throw malformed("text after a closing quote; a quote inside a quoted field is written twice");
                }
                return field.toString();
            }
            if (c == '\n') {
                line++;
            }
            field.append(c);
        }
    }

    private void endOfLine() {
        if (text.charAt(at) == '\r') {
            at++;
            if (at >= text.length() || text.charAt(at) != '\n') {
                throw malformed("a carriage return that does not end a line; lines end with CRLF or LF");
            }
        }
        at++;
        line++;
    }

    private ProblemException malformed(String message) {
        return new ProblemException(
                HttpStatus.BAD_REQUEST,
                "malformed_csv",
                "The file is not valid CSV (RFC 4180) on line " + line + ": " + message + ".",
                List.of(new FieldViolation("line " + line, message)),
                Map.of("line", line));
    }
}
