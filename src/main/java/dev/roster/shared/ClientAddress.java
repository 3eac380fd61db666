package dev.roster.shared;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The address a request came from: the socket's peer, unless the peer is one of the operator's proxies
 * ({@code ROSTER_TRUSTED_PROXIES}, CIDRs separated by commas), whose {@code X-Forwarded-For} is then read from the
 * right, skipping the trusted proxies, to the first address they did not add. A header from anyone else is
 * ignored, so that nobody picks their own address.
 */
@Component
public class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<Cidr> trusted;

    ClientAddress(@Value("${roster.trusted-proxies:}") List<String> trustedProxies) {
        List<Cidr> parsed = new ArrayList<>();
        for (String cidr : trustedProxies) {
            if (!cidr.isBlank()) {
                parsed.add(Cidr.parse(cidr.strip()));
            }
        }
        this.trusted = List.copyOf(parsed);
    }

    /** The client's address as text, in the form the JDK prints it. */
    public String of(HttpServletRequest request) {
        InetAddress peer = literal(request.getRemoteAddr());
        if (peer == null) {
            return request.getRemoteAddr();
        }
        if (!isTrusted(peer)) {
            return peer.getHostAddress();
        }
        InetAddress client = peer;
        List<String> forwarded = new ArrayList<>();
        for (var headers = request.getHeaders("X-Forwarded-For"); headers.hasMoreElements(); ) {
            for (String part : headers.nextElement().split(",")) {
                forwarded.add(part.strip());
            }
        }
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(forwarded.get(i));
            if (hop == null) {
                break;
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(cidr -> cidr.contains(address));
    }

    /** An IP address written as one, never a host name: nothing here may cause a DNS lookup. */
    static InetAddress literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return null;
        }
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPV4.matcher(bare).matches() && !(bare.contains(":") && bare.matches("[0-9A-Fa-f:.]+"))) {
            return null;
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** A network such as 10.0.0.0/8 or ::1/128; a bare address is a network of one. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalStateException("roster.trusted-proxies: not a CIDR: " + text);
            }
            int bits = address.getAddress().length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalStateException("roster.trusted-proxies: not a CIDR: " + text);
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalStateException("roster.trusted-proxies: prefix out of range: " + text);
            }
            return new Cidr(address.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
