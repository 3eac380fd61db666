package dev.roster.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTest {

    private final ClientAddress behindProxies = new ClientAddress(List.of("10.0.0.0/8", "::1"));

    @Test
    void aPeerThatIsNoTrustedProxyIsTheClientWhateverItsHeaderSays() {
        assertThat(new ClientAddress(List.of()).of(request("192.0.2.7", "198.51.100.1")))
                .isEqualTo("192.0.2.7");
        assertThat(behindProxies.of(request("192.0.2.7", "198.51.100.1"))).isEqualTo("192.0.2.7");
    }

    @Test
    void behindTrustedProxiesTheRightmostUntrustedHopIsTheClient() {
        assertThat(behindProxies.of(request("10.1.2.3", "198.51.100.9, 192.0.2.7, 10.9.9.9")))
                .isEqualTo("192.0.2.7");
        assertThat(behindProxies.of(request("0:0:0:0:0:0:0:1", "2001:db8::5"))).isEqualTo("2001:db8:0:0:0:0:0:5");
    }

    @Test
    void aHostNameOrGarbageInTheHeaderIsNeverLookedUpAndEndsTheWalk() {
        assertThat(behindProxies.of(request("10.1.2.3", "192.0.2.7, evil.example.com")))
                .isEqualTo("10.1.2.3");
        assertThat(behindProxies.of(request("10.1.2.3", "abc"))).isEqualTo("10.1.2.3");
        assertThat(ClientAddress.literal("cafe")).isNull();
        assertThat(ClientAddress.literal("127.1")).isNull();
    }

    @Test
    void aBadCidrStopsTheStart() {
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33")))
                .hasMessageContaining("roster.trusted-proxies");
        assertThatThrownBy(() -> new ClientAddress(List.of("proxy.internal")))
                .hasMessageContaining("roster.trusted-proxies");
    }

    private static MockHttpServletRequest request(String peer, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        request.addHeader("X-Forwarded-For", forwardedFor);
        return request;
    }
}
