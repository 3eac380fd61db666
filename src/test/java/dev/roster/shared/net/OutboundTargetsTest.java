package dev.roster.shared.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.shared.ProblemException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Which receiver URLs Roster refuses when private targets are not allowed (the default). IP literals are parsed,
 * never looked up; host names go to a stand-in resolver, so no test here sends a packet anywhere.
 */
class OutboundTargetsTest {

    private static final byte[] PUBLIC = {(byte) 203, 0, 113, 10};

    /** A resolver that answers every name with a public address, as a wildcard DNS zone would. */
    private final AtomicInteger lookups = new AtomicInteger();

    private final HostResolver everythingIsPublic = host -> {
        lookups.incrementAndGet();
        return new InetAddress[] {InetAddress.getByAddress(host, PUBLIC)};
    };

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
            assertThatThrownBy(() -> OutboundTargets.check("url", url, false))
                    .as(url)
                    .isInstanceOf(ProblemException.class);
        }
    }

    @Test
    void everyAddressThatIsNotPublicUnicastIsRefused() {
        for (String url : List.of(
                "http://0.1.2.3/hook",
                "http://100.127.255.254/hook",
                "http://198.18.0.1/hook",
                "http://198.19.255.254/hook",
                "http://240.0.0.1/hook",
                "http://255.255.255.255/hook",
                "http://224.0.0.251/hook",
                "http://239.255.255.250/hook",
                "http://[::]/hook",
                "http://[fe80::1]/hook",
                "http://[fc00::1]/hook",
                "http://[fec0::1]/hook",
                "http://[ff02::1]/hook")) {
            assertThatThrownBy(() -> OutboundTargets.check("url", url, false, everythingIsPublic))
                    .as(url)
                    .isInstanceOf(ProblemException.class);
        }
    }

    @Test
    void ipv6FormsThatEmbedANonPublicIpv4AreRefused() {
        for (String url : List.of(
                "http://[64:ff9b::7f00:1]/",
                "http://[64:ff9b::a9fe:a9fe]/latest/meta-data",
                "http://[64:ff9b:1::a00:1]/",
                "http://[64:ff9b:1::cb00:710a]/",
                "http://[::ffff:7f00:1]/",
                "http://[::ffff:a00:1]/",
                "http://[::127.0.0.1]/",
                "http://[::cb00:710a]/",
                "http://[2002:7f00:1::1]/",
                "http://[2002:a9fe:a9fe::1]/",
                "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",
                "http://[2001:0:a00:1:8000:63bf:3fff:fdd2]/")) {
            assertThatThrownBy(() -> OutboundTargets.check("url", url, false, everythingIsPublic))
                    .as(url)
                    .isInstanceOf(ProblemException.class);
        }
    }

    @Test
    void numericHostSpellingsAreRefusedWhateverTheResolverMakesOfThem() {
        for (String url : List.of(
                "http://2130706433/",
                "http://127.1/",
                "http://0x7f.1/",
                "http://0x7f000001/",
                "http://0177.0.0.1/",
                "http://127.0.0.01/",
                "http://127.0.1/",
                "http://017700000001/",
                "http://1.2.3.4.5/",
                "http://hooks.example.0x10/")) {
            assertThatThrownBy(() -> OutboundTargets.check("url", url, false, everythingIsPublic))
                    .as(url)
                    .isInstanceOf(ProblemException.class);
        }
    }

    @Test
    void aHostNameIsRefusedWhenAnyOfItsAddressesIsNotPublic() {
        HostResolver mixed = host -> new InetAddress[] {
            InetAddress.getByAddress(host, PUBLIC), InetAddress.getByAddress(host, new byte[] {10, 0, 0, 1})
        };

        assertThatThrownBy(() -> OutboundTargets.check("url", "https://hooks.example.com/x", false, mixed))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void publicAddressesAreAcceptedAndPrivateOnesWhenAllowed() {
        for (String url : List.of(
                "https://203.0.113.10/hook",
                "https://hooks.example.com/hook",
                "https://[2606:4700:4700::1111]/hook",
                "https://[64:ff9b::cb00:710a]/hook",
                "https://[2002:cb00:710a::1]/hook")) {
            assertThat(OutboundTargets.check("url", url, false, everythingIsPublic))
                    .as(url)
                    .isNotNull();
        }
        assertThat(OutboundTargets.check("url", "http://127.0.0.1:9/hook", true).getPort())
                .isEqualTo(9);
    }
}
