package dev.roster.ratelimit;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits ({@code roster.ratelimit.*}).
 *
 * @param enabled false turns rate limiting off (the load benchmark does, to measure Roster rather than its limits)
 * @param store memory (one node) or postgres (several nodes on one database)
 * @param plans requests per minute per plan: {@code roster.ratelimit.plans.free.per-organization=120}
 * @param operatorPerMinute requests per minute of each platform or partner key
 * @param publicPerAddress requests per minute from one client address to the sign-in surfaces: {@code /v1/auth/*},
 *     {@code /v1/public/*}, {@code /login} and the invitation pages, signed in or not
 * @param scimPerToken requests per minute of each SCIM token, whatever the plan: 3000 (50 a second) is twice what
 *     Entra ID asks of gallery apps, so that a directory's first sync of thousands of users is never throttled
 */
@ConfigurationProperties("roster.ratelimit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("memory") String store,
        Map<String, PlanLimits> plans,
        @DefaultValue("12000") long operatorPerMinute,
        @DefaultValue("120") long publicPerAddress,
        @DefaultValue("3000") long scimPerToken) {

    private static final Map<String, PlanLimits> DEFAULTS = Map.of(
            "free", new PlanLimits(120L, 120L),
            "starter", new PlanLimits(600L, 600L),
            "business", new PlanLimits(3000L, 3000L),
            "enterprise", new PlanLimits(12000L, 12000L));

    /**
     * @param perOrganization requests per minute of the whole organization, every credential together
     * @param perCredential requests per minute of each API key or signed-in user
     */
    public record PlanLimits(Long perOrganization, Long perCredential) {}

    /** Fills what the configuration leaves out from the defaults, once, so that a request only looks its plan up. */
    public RateLimitProperties {
        Map<String, PlanLimits> merged = new HashMap<>(DEFAULTS);
        if (plans != null) {
            plans.forEach((plan, configured) -> {
                PlanLimits defaults = DEFAULTS.getOrDefault(plan, DEFAULTS.get("free"));
                merged.put(
                        plan,
                        new PlanLimits(
                                configured.perOrganization() != null
                                        ? configured.perOrganization()
                                        : defaults.perOrganization(),
                                configured.perCredential() != null
                                        ? configured.perCredential()
                                        : defaults.perCredential()));
            });
        }
        plans = Map.copyOf(merged);
    }

    PlanLimits limits(String plan) {
        return plans.getOrDefault(plan, DEFAULTS.get("free"));
    }
}
