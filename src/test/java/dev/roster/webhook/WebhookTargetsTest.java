package dev.roster.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.shared.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which receiver URLs Roster refuses when private targets are not allowed (the default). */
class WebhookTargetsTest {

    @Test
    void privateLoopbackLinkLocalAndOddUrlsAreRefused() {
        for (String url : List.of(
                "http://127.0.0.1/hook",
                "http://[::1]/hook",
                "http://10.1.2.3/hook",
                "http://192.168.0.10/hook",
                "http://172.16.5.5/hook",
                "http://169.254.169.254/latest/meta-data",
                "http://100.64.0.1/hook",
                "http://[fd00::1]/hook",
                "http://0.0.0.0/hook",
                "ftp://203.0.113.10/hook",
                "http://user:pass@203.0.113.10/hook",
                "not a url")) {
            assertThatThrownBy(() -> WebhookTargets.check("url", url, false))
                    .as(url)
                    .isInstanceOf(ProblemException.class);
        }
    }

    @Test
    void publicAddressesAreAcceptedAndPrivateOnesWhenAllowed() {
        assertThat(WebhookTargets.check("url", "https://203.0.113.10/hook", false)
                        .getHost())
                .isEqualTo("203.0.113.10");
        assertThat(WebhookTargets.check("url", "http://127.0.0.1:9/hook", true).getPort())
                .isEqualTo(9);
    }
}
