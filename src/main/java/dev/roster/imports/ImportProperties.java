package dev.roster.imports;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How imports run ({@code ROSTER_IMPORTS_*}).
 *
 * @param pollInterval how often each node looks for import rows to work on (a new import also starts at once)
 * @param batchSize rows a node claims at a time
 * @param claimLease how long a claim lasts: the rows of a node that died are taken up by another after this
 */
@ConfigurationProperties("roster.imports")
public record ImportProperties(
        @DefaultValue("PT1S") Duration pollInterval,
        @DefaultValue("25") int batchSize,
        @DefaultValue("PT2M") Duration claimLease) {

    /** The largest CSV file accepted: 4 MiB, about 400 bytes for each of 10,000 rows. */
    public static final long MAX_BYTES = 4L * 1024 * 1024;
}
