package dev.roster.webhook;

import dev.roster.shared.ProblemException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * Which URLs webhooks may be sent to: http or https, and, unless private targets are allowed, only hosts whose
 * every address is public (no loopback, private, link-local, multicast or unspecified address), so that an
 * organization cannot point Roster at the network it runs in.
 */
final class WebhookTargets {

    private WebhookTargets() {}

    /** Checks a URL given by a caller; fails with 400 naming the field. */
    static URI check(String field, String url, boolean allowPrivate) {
        return check(field, url, allowPrivate, HostResolver.SYSTEM);
    }

    /** Checks a URL given by a caller, looking its host up with this resolver; fails with 400 naming the field. */
    static URI check(String field, String url, boolean allowPrivate, HostResolver resolver) {
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
        if (!allowPrivate && !publicHost(uri.getHost(), resolver)) {
            throw ProblemException.invalid(field, "must resolve to public addresses only");
        }
        return uri;
    }

    /** Whether every address of the host is public; an unresolvable host is not. */
    static boolean publicHost(String host, HostResolver resolver) {
        try {
            InetAddress[] addresses = resolver.resolve(host);
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static boolean isPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean uniqueLocalV6 = bytes.length == 16 && (bytes[0] & 0xFE) == 0xFC;
        boolean carrierGradeNat = bytes.length == 4 && (bytes[0] & 0xFF) == 100 && (bytes[1] & 0xC0) == 64;
        return !(address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()
                || uniqueLocalV6
                || carrierGradeNat);
    }
}
