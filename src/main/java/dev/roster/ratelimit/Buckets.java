package dev.roster.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** Token buckets by name, each refilling its whole capacity over a minute; in memory or in PostgreSQL. */
@Component
class Buckets {

    /**
     * A bucket untouched for two minutes is full again anyway, so forgetting it changes nothing; the cap keeps a
     * flood of client addresses from filling the heap.
     */
    private final Cache<String, Bucket> local = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(2))
            .maximumSize(1_000_000)
            .build();

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
        return local.get(
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
