package dev.roster.sso;

import dev.roster.shared.net.HostResolver;
import dev.roster.shared.net.OutboundTargets;
import dev.roster.shared.net.PinnedHttpClients;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls identity providers: discovery documents, key sets, token endpoints. Only https, to public unicast addresses
 * checked on every call and connected to as checked ({@link PinnedHttpClients}); with {@code
 * roster.sso.allow-private-issuers} also private addresses, and plain http to loopback. Timeouts on connect and
 * read, no redirects, answers of at most 512 KiB.
 */
@Component
class IssuerClient {

    private static final int MAX_BODY = 512 * 1024;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final SsoProperties properties;
    private final JsonMapper json;

    IssuerClient(SsoProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    /** A JSON document by GET. */
    JsonNode get(URI target) {
        return call(target, new HttpGet(target));
    }

    /** A JSON answer to a form POST, with HTTP Basic client authentication when a secret is given. */
    JsonNode post(URI target, Map<String, String> form, String clientId, String clientSecret) {
        HttpPost post = new HttpPost(target);
        List<NameValuePair> fields = new ArrayList<>();
        form.forEach((name, value) -> fields.add(new BasicNameValuePair(name, value)));
        post.setEntity(new UrlEncodedFormEntity(fields, StandardCharsets.UTF_8));
        if (clientSecret != null) {
            String pair = form(clientId) + ":" + form(clientSecret);
            post.setHeader(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return call(target, post);
    }

    /** Whether Roster may send a browser or a request to this URL: the same rule as for its own calls. */
    boolean allowed(URI target) {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        String host = target.getHost() == null ? "" : target.getHost().toLowerCase(Locale.ROOT);
        return target.getHost() != null
                && target.getRawUserInfo() == null
                && (scheme.equals("https")
                        || (scheme.equals("http") && properties.allowPrivateIssuers() && LOOPBACK.contains(host)));
    }

    private JsonNode call(URI target, HttpUriRequestBase request) {
        if (!allowed(target)) {
            throw new SsoFailure(SsoFailure.Reason.IDP_UNAVAILABLE, "refused URL scheme or host");
        }
        InetAddress[] checked;
        try {
            checked =
                    OutboundTargets.addresses(target.getHost(), HostResolver.SYSTEM, properties.allowPrivateIssuers());
        } catch (OutboundTargets.RefusedTarget | UnknownHostException e) {
            throw new SsoFailure(SsoFailure.Reason.IDP_UNAVAILABLE, "refused or unknown host");
        }
        request.setHeader("Accept", "application/json");
        try (CloseableHttpClient http =
                PinnedHttpClients.pinnedTo(target.getHost(), checked, proxy -> new Socket(), properties.timeout())) {
            return http.execute(request, response -> {
                if (response.getCode() != 200) {
                    throw new SsoFailure(SsoFailure.Reason.IDP_UNAVAILABLE, "status " + response.getCode());
                }
                return json.readTree(limited(response.getEntity()));
            });
        } catch (IOException | RuntimeException e) {
            if (e instanceof SsoFailure failure) {
                throw failure;
            }
            throw new SsoFailure(SsoFailure.Reason.IDP_UNAVAILABLE, e.getClass().getSimpleName());
        }
    }

    private static byte[] limited(HttpEntity entity) throws IOException {
        if (entity == null) {
            throw new IOException("empty answer");
        }
        try (InputStream in = entity.getContent()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new IOException("answer too large");
            }
            return body;
        }
    }

    /** RFC 6749 section 2.3.1: the client id and secret are form-encoded before Basic encoding. */
    private static String form(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
