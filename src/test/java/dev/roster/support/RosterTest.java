package dev.roster.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * An integration test against the whole server on a random port and a real embedded PostgreSQL. Every test class
 * uses the same settings, so they share one server and one database per test JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "roster.database.ephemeral=true",
            "roster.data-dir=target/test-data",
            "roster.bootstrap-key=" + Api.PLATFORM_KEY,
            "server.address=127.0.0.1",
            "management.server.port=0",
            "roster.trusted-proxies=127.0.0.1/32",
            "roster.dns-servers=127.0.0.1:${roster.test.dns-port:3053}",
            "roster.public-url=" + RosterTest.PUBLIC_URL,
            "roster.smtp.host=127.0.0.1",
            "roster.smtp.port=${roster.test.smtp-port:3025}",
            "roster.smtp.starttls=false",
            "roster.mail.poll-interval=PT0.2S",
            "roster.mail.retry-base=PT0.2S",
            "roster.invitations.expiry-sweep-interval=PT0.5S",
            "roster.mail.invitations-per-organization-per-hour=60",
            "roster.webhooks.allow-private-targets=true",
            "roster.sso.allow-private-issuers=true",
            "roster.webhooks.poll-interval=PT0.2S",
            "roster.webhooks.retry-delays=PT0.3S,PT0.3S,PT0.3S",
            // Seat changes stay unfolded unless a test folds them, so that counts are read through the changes
            "roster.seats.fold-interval=PT1H"
        })
public @interface RosterTest {

    /** Where the test server says it lives; email links must start with this, whatever the request's Host. */
    String PUBLIC_URL = "https://roster.example.test";
}
