package dev.roster.mail;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import org.junit.jupiter.api.Test;

/** The last guard against header injection: whatever reaches the outbox, a header never spans two lines. */
class MailTest {

    @Test
    void aRecipientOrSubjectWithALineBreakIsRefused() {
        for (String hostile : new String[] {"a@example.com\r\nBcc: victim@example.com", "a@example.com\nX: y"}) {
            assertThatIllegalArgumentException().isThrownBy(() -> mail(hostile, "Welcome"));
            assertThatIllegalArgumentException().isThrownBy(() -> mail("a@example.com", "Hi\r\nBcc: " + hostile));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> mail(null, "Welcome"));
        assertThatNoException().isThrownBy(() -> mail("a@example.com", "Welcome to Acme & <Co>"));
    }

    private static Mail mail(String recipient, String subject) {
        return new Mail(null, "invitation", recipient, subject, "text", null);
    }
}
