package dev.roster.shared.net;

import dev.roster.shared.ProblemException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Which URLs Roster may call when a caller chose them (webhooks, identity providers): http or https, and, unless
 * private targets are allowed, only hosts whose every address is public unicast, so that an organization cannot
 * point Roster at the network it runs in. A host is looked up once; the addresses checked are the addresses
 * connected to ({@link PinnedHttpClients}).
 */
public final class OutboundTargets {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern DOTTED_QUAD = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("(0[xX][0-9a-fA-F]*|[0-9]+)");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    /** A host Roster will not send to: an address that is not public unicast, or an ambiguous spelling of one. */
    public static final class RefusedTarget extends Exception {

        RefusedTarget(String message) {
            super(message, null, false, false);
        }
    }

    private OutboundTargets() {}

    /** Checks a URL given by a caller; fails with 400 naming the field. */
    public static URI check(String field, String url, boolean allowPrivate) {
        return check(field, url, allowPrivate, HostResolver.SYSTEM);
    }

    /** Checks a URL given by a caller, looking its host up with this resolver; fails with 400 naming the field. */
    public static URI check(String field, String url, boolean allowPrivate, HostResolver resolver) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            throw ProblemException.invalid(field, "must be an absolute http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getUserInfo() != null) {
            throw ProblemException.invalid(field, "must be an absolute http or https URL without credentials");
        }
        if (uri.toString().length() > 2000) {
            throw ProblemException.invalid(field, "must be at most 2000 characters");
        }
        try {
            if (allowPrivate) {
                literal(bare(uri.getHost()));
            } else {
                addresses(uri.getHost(), resolver, false);
            }
        } catch (RefusedTarget | UnknownHostException e) {
            throw ProblemException.invalid(field, "must resolve to public addresses only");
        }
        return uri;
    }

    /**
     * Looks the host up once and returns its addresses, each of them checked. An IP literal is parsed, never looked
     * up; an IPv4 address spelled other than as four decimal numbers is refused, since resolvers and receivers
     * disagree on what {@code 127.1} or {@code 0x7f.1} mean.
     */
    public static InetAddress[] addresses(String host, HostResolver resolver, boolean allowPrivate)
            throws RefusedTarget, UnknownHostException {
        String name = bare(host);
        InetAddress literal = literal(name);
        InetAddress[] addresses = literal != null
                ? new InetAddress[] {literal}
                : name.isEmpty() ? new InetAddress[0] : resolver.resolve(name);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            if (!allowPrivate && !isPublic(address)) {
                throw new RefusedTarget("not a public unicast address");
            }
        }
        return addresses;
    }

    /** The host as a URL spells it, without the brackets of an IPv6 literal. */
    public static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The address an IP literal spells; null for a host name. */
    private static InetAddress literal(String host) throws RefusedTarget, UnknownHostException {
        if (host.contains(":")) {
            if (!IPV6_LITERAL.matcher(host).matches()) {
                throw new RefusedTarget("an IPv6 address with a zone or odd characters");
            }
            return InetAddress.getByName(host);
        }
        String[] labels = host.split("\\.", -1);
        String last = labels.length > 1 && labels[labels.length - 1].isEmpty()
                ? labels[labels.length - 2]
                : labels[labels.length - 1];
        if (!NUMERIC_LABEL.matcher(last).matches()) {
            return null;
        }
        if (!DOTTED_QUAD.matcher(host).matches()) {
            throw new RefusedTarget("an IPv4 address not spelled as four decimal numbers");
        }
        return InetAddress.getByAddress(quad(labels));
    }

    private static byte[] quad(String[] labels) {
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) Integer.parseInt(labels[i]);
        }
        return bytes;
    }

    /**
     * Whether an address is public unicast. IPv6 must be global unicast (2000::/3), which leaves out loopback,
     * unspecified, IPv4-mapped and -compatible, unique local, link-local, site-local and multicast; the forms that
     * carry an IPv4 address (NAT64 64:ff9b::/96, 6to4, Teredo) are public only if what they carry is; local-use
     * NAT64 (64:ff9b:1::/48) never is.
     */
    public static boolean isPublic(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 ? publicV4(b, 0) : publicV6(b);
    }

    private static boolean publicV4(byte[] b, int at) {
        int x = b[at] & 0xFF;
        int y = b[at + 1] & 0xFF;
        int z = b[at + 2] & 0xFF;
        return !(x == 0
                || x == 10
                || x == 127
                || x >= 224
                || (x == 100 && (y & 0xC0) == 64)
                || (x == 169 && y == 254)
                || (x == 172 && (y & 0xF0) == 16)
                || (x == 192 && y == 168)
                || (x == 192 && y == 0 && z == 0)
                || (x == 198 && (y & 0xFE) == 18));
    }

    private static boolean publicV6(byte[] b) {
        if (word(b, 0) == 0x0064 && word(b, 2) == 0xFF9B) {
            boolean wellKnown = word(b, 4) == 0 && word(b, 6) == 0 && word(b, 8) == 0 && word(b, 10) == 0;
            return wellKnown && publicV4(b, 12);
        }
        if ((b[0] & 0xE0) != 0x20) {
            return false;
        }
        if (word(b, 0) == 0x2002) {
            return publicV4(b, 2);
        }
        if (word(b, 0) == 0x2001 && word(b, 2) == 0) {
            byte[] client = new byte[4];
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~b[12 + i];
            }
            return publicV4(b, 4) && publicV4(client, 0);
        }
        return true;
    }

    private static int word(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }
}
