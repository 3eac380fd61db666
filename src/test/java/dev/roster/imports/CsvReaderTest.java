package dev.roster.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.shared.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV reader follows RFC 4180 strictly, and says on which line a file stops being CSV. */
class CsvReaderTest {

    @Test
    void quotedFieldsHoldCommasLineBreaksAndDoubledQuotes() {
        String csv =
                "email,name\r\n\"a@example.com\",\"Lovelace, Ada\"\r\nb@example.com,\"two\r\nlines \"\"quoted\"\"\"\n"
                        + "c@example.com,\n";

        List<CsvReader.Record> records = read(csv);

        assertThat(records).hasSize(4);
        assertThat(records.get(1).fields()).containsExactly("a@example.com", "Lovelace, Ada");
        assertThat(records.get(2).fields()).containsExactly("b@example.com", "two\r\nlines \"quoted\"");
        assertThat(records.get(2).line()).isEqualTo(3);
        assertThat(records.get(3).fields()).containsExactly("c@example.com", "");
        assertThat(records.get(3).line()).isEqualTo(5);
    }

    @Test
    void aByteOrderMarkAndBlankLinesAreLeftOut() {
        List<CsvReader.Record> records = read("\uFEFFemail\n\n,\nd@example.com");

        assertThat(records)
                .extracting(CsvReader.Record::fields)
                .containsExactly(List.of("email"), List.of("d@example.com"));
        assertThat(records.get(1).line()).isEqualTo(4);
    }

    @Test
    void brokenQuotingIsRefusedWithItsLine() {
        assertThat(code("email\na@example.com,x\"y\n")).isEqualTo("malformed_csv line 2");
        assertThat(code("email\n\"a@example.com\"x\n")).isEqualTo("malformed_csv line 2");
        assertThat(code("email\n\n\"never closed\n\n")).isEqualTo("malformed_csv line 3");
        assertThat(code("email\ra@example.com\n")).isEqualTo("malformed_csv line 1");
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[] latin1 = "email\nzoë@example.com\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> CsvReader.read(latin1, 10))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.code()).isEqualTo("invalid_encoding"));
    }

    @Test
    void moreRecordsThanAllowedAreRefusedAsTooLarge() {
        assertThatThrownBy(() -> read("email\na@x.io\nb@x.io\nc@x.io\n", 3))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.code()).isEqualTo("too_many_rows");
                    assertThat(e.status().value()).isEqualTo(413);
                });
        assertThat(read("email\na@x.io\nb@x.io\n", 3)).hasSize(3);
    }

    private static List<CsvReader.Record> read(String csv) {
        return read(csv, 100);
    }

    private static List<CsvReader.Record> read(String csv, int max) {
        return CsvReader.read(csv.getBytes(StandardCharsets.UTF_8), max);
    }

    private static String code(String csv) {
        try {
            read(csv);
        } catch (ProblemException e) {
            return e.code() + " " + e.errors().get(0).field();
        }
        throw new AssertionError("accepted: " + csv);
    }
}
