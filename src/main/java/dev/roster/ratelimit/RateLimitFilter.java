package dev.roster.ratelimit;

import dev.roster.organization.OrganizationService;
import dev.roster.organization.Plan;
import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Problems;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Charges each authenticated request to its credential's bucket and its organization's bucket, sized by the
 * plan. Every answer says how much is left ({@code RateLimit-Limit}, {@code -Remaining}, {@code -Reset}, of the
 * tighter bucket); beyond it, 429 with {@code Retry-After}. Runs after authentication and before idempotency, so
 * that replays count too.
 */
@Component
@Order(-50)
class RateLimitFilter extends OncePerRequestFilter {

    private static final long PLAN_CACHE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private record CachedPlan(Plan plan, long fetchedAt) {}

    private final Buckets buckets;
    private final RateLimitProperties properties;
    private final OrganizationService organizations;
    private final Problems problems;
    private final Map<UUID, CachedPlan> plans = new ConcurrentHashMap<>();

    RateLimitFilter(
            Buckets buckets, RateLimitProperties properties, OrganizationService organizations, Problems problems) {
        this.buckets = buckets;
        this.properties = properties;
        this.organizations = organizations;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !properties.enabled() || Caller.current() == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller = Caller.current();
        Quota quota;
        if (caller.kind() == Caller.Kind.SCIM) {
            quota = Quota.of(properties.scimPerToken(), buckets.take(caller.actor(), properties.scimPerToken()));
        } else if (caller.organizationId() == null) {
            quota = Quota.of(
                    properties.operatorPerMinute(), buckets.take(caller.actor(), properties.operatorPerMinute()));
        } else {
            RateLimitProperties.PlanLimits limits =
                    properties.limits(plan(caller.organizationId()).code());
            Quota credential = Quota.of(limits.perCredential(), buckets.take(caller.actor(), limits.perCredential()));
            Quota organization = Quota.of(
                    limits.perOrganization(),
                    buckets.take("organization:" + caller.organizationId(), limits.perOrganization()));
            quota = credential.tighter(organization);
        }
        response.setHeader("RateLimit-Limit", Long.toString(quota.limit()));
        response.setHeader("RateLimit-Remaining", Long.toString(quota.remaining()));
        response.setHeader("RateLimit-Reset", Long.toString(quota.resetSeconds()));
        if (!quota.allowed()) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, quota.retryAfterSeconds())));
            problems.write(
                    response,
                    problems.build(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "rate_limited",
                            "Too many requests for this key or organization; retry after the time in Retry-After.",
                            request));
            return;
        }
        chain.doFilter(request, response);
    }

    /** The organization's plan, re-read at most every 30 seconds per node. */
    private Plan plan(UUID organizationId) {
        long now = System.nanoTime();
        CachedPlan cached = plans.get(organizationId);
        if (cached == null || now - cached.fetchedAt() > PLAN_CACHE_NANOS) {
            Plan plan = organizations.plan(new OrganizationId(organizationId)).orElse(Plan.FREE);
            cached = new CachedPlan(plan, now);
            plans.put(organizationId, cached);
        }
        return cached.plan();
    }

    /** One bucket's answer. */
    private record Quota(long limit, long remaining, boolean allowed, long retryAfterSeconds, long resetSeconds) {

        static Quota of(long limit, ConsumptionProbe probe) {
            return new Quota(
                    limit,
                    probe.getRemainingTokens(),
                    probe.isConsumed(),
                    seconds(probe.getNanosToWaitForRefill()),
                    seconds(probe.getNanosToWaitForReset()));
        }

        /** The bucket that allows less: a refusal first, then the one with fewer tokens left. */
        Quota tighter(Quota other) {
            if (allowed != other.allowed) {
                return allowed ? other : this;
            }
            return remaining <= other.remaining ? this : other;
        }

        private static long seconds(long nanos) {
            return (nanos + 999_999_999L) / 1_000_000_000L;
        }
    }
}
