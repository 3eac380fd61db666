package dev.roster.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** Token buckets by name, each refilling its whole capacity over a minute; in memory or in PostgreSQL. */
@Component
class Buckets {

    private final Map<String, Bucket> local = new ConcurrentHashMap<>();
    private final ProxyManager<String> shared;

    Buckets(RateLimitProperties properties, DataSource dataSource) {
        this.shared = properties.store().equals("postgres")
                ? Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                        .primaryKeyMapper(PrimaryKeyMapper.STRING)
                        .table("rate_limit_buckets")
                        .idColumn("id")
                        .stateColumn("state")
                        .build()
                : null;
        if (!properties.store().equals("postgres") && !properties.store().equals("memory")) {
            throw new IllegalStateException("roster.ratelimit.store must be memory or postgres");
        }
    }

    /** Takes one token from the named bucket of {@code perMinute} tokens. */
    ConsumptionProbe take(String name, long perMinute) {
        String key = name + "@" + perMinute;
        if (shared != null) {
            return shared.getProxy(key, () -> configuration(perMinute)).tryConsumeAndReturnRemaining(1);
        }
        return local.computeIfAbsent(
                        key,
                        k -> Bucket.builder().addLimit(bandwidth(perMinute)).build())
                .tryConsumeAndReturnRemaining(1);
    }

    private static BucketConfiguration configuration(long perMinute) {
        return BucketConfiguration.builder().addLimit(bandwidth(perMinute)).build();
    }

    private static Bandwidth bandwidth(long perMinute) {
        return Bandwidth.builder()
                .capacity(perMinute)
                .refillGreedy(perMinute, Duration.ofMinutes(1))
                .build();
    }
}
