package dev.roster.console;

import dev.roster.imports.ImportOptions;
import dev.roster.imports.ImportProperties;
import dev.roster.shared.FieldViolation;
import dev.roster.shared.ProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.multipart.MultipartFile;

/**
 * The console's import form as sent: the options as typed (shown again beside a refusal), read into the import's
 * {@link ImportOptions}, and the file read with the import API's limit. The file is never kept on the server between
 * the dry run and the start: the start sends it again with the {@link #digest} of what the dry run checked, and a
 * file or options that differ are refused, so that what is imported is what was checked.
 *
 * @param sendInvitation "true" to invite each new member by email, "false" to create them active without one
 * @param invitationType link or temporary_password
 * @param expiresInDays the days each invitation stays valid, as typed
 * @param defaultRole the role of rows whose roles cell is empty
 */
record ImportForm(String sendInvitation, String invitationType, String expiresInDays, String defaultRole) {

    /** The form as it first shows: invitations by link, valid 7 days, the user role. */
    static final ImportForm DEFAULT = new ImportForm("true", "link", "7", "user");

    /** A body's room for the multipart envelope and the form's other fields, beside the file itself. */
    static final long ENVELOPE_BYTES = 64 * 1024;

    /** The largest body of the import form: the import API's largest file and the envelope. */
    static final long MAX_BODY_BYTES = ImportProperties.MAX_BYTES + ENVELOPE_BYTES;

    ImportForm {
        sendInvitation = "false".equals(sendInvitation) ? "false" : "true";
        invitationType = Forms.blankToNull(invitationType);
        expiresInDays = Forms.blankToNull(expiresInDays);
        defaultRole = Forms.blankToNull(defaultRole);
    }

    /** The options the import service checks (a wrong one is its 400 on that field). */
    ImportOptions options() {
        return new ImportOptions(
                Boolean.valueOf(sendInvitation),
                invitationType,
                Forms.number("expiresInDays", expiresInDays),
                defaultRole);
    }

    /** Whether new members get an email; the page words its counts by it. */
    public boolean invites() {
        return "true".equals(sendInvitation);
    }

    /** The file's bytes: 400 without a file chosen, 413 beyond the import API's 4 MiB. */
    static byte[] read(MultipartFile file) {
        if (file == null
                || file.getOriginalFilename() == null
                || file.getOriginalFilename().isBlank()) {
            throw ProblemException.invalid("file", "is required: choose a CSV file");
        }
        if (file.getSize() > ImportProperties.MAX_BYTES) {
            throw tooLarge();
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The refusal of a file over 4 MiB, on the page and before it reaches a page alike. */
    static ProblemException tooLarge() {
        return new ProblemException(
                HttpStatus.CONTENT_TOO_LARGE,
                "payload_too_large",
                "The file is larger than 4 MiB (" + ImportProperties.MAX_BYTES + " bytes), the most an import takes:"
                        + " split it into files of at most 4 MiB and 10,000 rows, and import each.",
                List.of(new FieldViolation("file", "is larger than 4 MiB")),
                Map.of());
    }

    /** A SHA-256 of these options and this file, which the dry run hands to the start button. */
    String digest(byte[] csv) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String options =
                    String.join("\n", sendInvitation, text(invitationType), text(expiresInDays), text(defaultRole));
            sha.update(options.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(csv);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
