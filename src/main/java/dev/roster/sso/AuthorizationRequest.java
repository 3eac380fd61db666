package dev.roster.sso;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The provider's authorization URL for one sign-in (OpenID Connect Core 1.0 section 3.1.2.1, RFC 7636). */
final class AuthorizationRequest {

    private static final int MAX_HINT = 254;

    private AuthorizationRequest() {}

    static URI uri(
            URI endpoint,
            SsoProvider provider,
            String redirectUri,
            String state,
            String nonce,
            String codeChallenge,
            String loginHint) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", provider.clientId());
        query.put("redirect_uri", redirectUri);
        query.put("scope", String.join(" ", provider.scopes()));
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", codeChallenge);
        query.put("code_challenge_method", "S256");
        if (loginHint != null && !loginHint.isBlank() && loginHint.length() <= MAX_HINT) {
            query.put("login_hint", loginHint.strip());
        }
        StringBuilder url = new StringBuilder(endpoint.toString());
        char separator = endpoint.getRawQuery() == null ? '?' : '&';
        for (Map.Entry<String, String> entry : query.entrySet()) {
            url.append(separator)
                    .append(entry.getKey())
                    .append('=')
                    .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8)
                            .replace("+", "%20"));
            separator = '&';
        }
        return URI.create(url.toString());
    }
}
