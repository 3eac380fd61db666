package dev.roster.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.RosterTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One client address gets a bounded number of requests a minute to the surfaces anyone can reach. */
@RosterTest
class PublicEndpointLimitTest extends ApiTestBase {

    private static final String FLOODER = "2001:db8:ffff::1";
    private static final String BYSTANDER = "2001:db8:ffff::2";

    @Test
    void oneAddressIsRefusedBeyondItsMinuteOnEverySignInSurface() {
        // given an address that spent its minute on invitation links
        int allowed = 0;
        Api.Response last = from(FLOODER, "GET", "/v1/public/invitations/roster_inv_guess");
        while (last.status() == 404 && allowed < 300) {
            allowed++;
            last = from(FLOODER, "GET", "/v1/public/invitations/roster_inv_guess");
        }

        // then it is refused there, at sign-in and on the login page, with Retry-After, and nobody else is
        assertThat(allowed).isBetween(120, 130);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.field("code")).isEqualTo("rate_limited");
        assertThat(last.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 60L);
        // (the bucket refills one request every half second, so each surface is tried right after a refusal)
        drain(FLOODER);
        Api.Response signIn = api.send(
                "POST",
                "/v1/auth/token",
                null,
                Map.of("email", "someone@example.com", "password", "anything at all"),
                Map.of("X-Forwarded-For", FLOODER));
        assertThat(signIn.status()).isEqualTo(429);
        drain(FLOODER);
        assertThat(from(FLOODER, "GET", "/login").status()).isEqualTo(429);
        drain(FLOODER);
        assertThat(from(FLOODER, "GET", "/invitations/accept?token=roster_inv_guess")
                        .status())
                .isEqualTo(429);
        assertThat(from(BYSTANDER, "GET", "/v1/public/invitations/roster_inv_guess")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void addressesTheClientWroteIntoXForwardedForAreNotBelieved() {
        // given a flooder that names a new address of its own in each request, which the trusted proxy keeps and
        // follows with the address it really came from
        String real = "2001:db8:ffff::10";
        int allowed = 0;
        Api.Response last = from("2001:db8:eeee::1, " + real, "GET", "/login");
        while (last.status() == 200 && allowed < 300) {
            allowed++;
            last = from("2001:db8:eeee::" + Integer.toHexString(allowed + 1) + ", " + real, "GET", "/login");
        }

        // then its real address is what is counted and refused, and the addresses it named are untouched
        assertThat(allowed).isBetween(120, 130);
        assertThat(last.status()).isEqualTo(429);
        assertThat(from("2001:db8:eeee::1", "GET", "/login").status()).isEqualTo(200);
    }

    @Test
    void refusedAuthenticationsCountTowardTheAddressAndSayHowManyAreLeft() {
        // given an address that has not been seen
        String guesser = "2001:db8:ffff::20";

        // when it sends a wrong key to the API twice, then signs in
        Api.Response first = api.send("GET", "/v1/users", "roster_org_guess", null, Map.of("X-Forwarded-For", guesser));
        Api.Response second = api.send("GET", "/v1/users", null, null, Map.of("X-Forwarded-For", guesser));
        Api.Response signIn = api.send(
                "POST",
                "/v1/auth/token",
                null,
                Map.of("email", "someone@example.com", "password", "anything at all"),
                Map.of("X-Forwarded-For", guesser));

        // then each answer carries the address's RateLimit headers, and the refusals were taken from its minute
        assertThat(first.status()).isEqualTo(401);
        assertThat(first.header("RateLimit-Limit")).isEqualTo("120");
        assertThat(first.header("RateLimit-Remaining")).isEqualTo("119");
        assertThat(second.status()).isEqualTo(401);
        assertThat(second.header("RateLimit-Remaining")).isEqualTo("118");
        assertThat(signIn.header("RateLimit-Remaining")).isEqualTo("117");
        assertThat(Long.parseLong(signIn.header("RateLimit-Reset"))).isBetween(1L, 60L);
    }

    /** Spends whatever the address's bucket has refilled, so that its next request finds it empty. */
    private void drain(String address) {
        for (int i = 0;
                i < 10
                        && from(address, "GET", "/v1/public/invitations/roster_inv_guess")
                                        .status()
                                != 429;
                i++) {
            // refilled: spend it
        }
    }

    private Api.Response from(String forwardedFor, String method, String path) {
        return api.send(method, path, null, null, Map.of("X-Forwarded-For", forwardedFor));
    }
}
