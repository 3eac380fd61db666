package dev.roster.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Component;

/**
 * How console pages show an instant: as text a reader takes in at a glance ({@code 2026-12-07 18:05 UTC}) in a
 * {@code <time>} element whose {@code datetime} keeps it for machines, to the second. Every console page has it as
 * {@code ${times}}; the {@code fragments/console :: at} fragments use it.
 */
@Component
class Times {

    private static final DateTimeFormatter TEXT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** Whether a value shown on a page is an instant, to be shown as one. */
    public boolean isInstant(Object value) {
        return value instanceof Instant;
    }

    /** The instant to the minute, in UTC, for reading. */
    public String text(Instant instant) {
        return TEXT.format(instant);
    }

    /**
     * The instant to the second, for the {@code datetime} attribute: HTML allows at most three digits of a second,
     * and PostgreSQL keeps six.
     */
    public String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
