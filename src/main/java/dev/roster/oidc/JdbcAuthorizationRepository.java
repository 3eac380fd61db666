package dev.roster.oidc;

import dev.roster.auth.BrowserSessionContextRepository.SessionAuthentication;
import dev.roster.auth.Secrets;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;
import dev.roster.shared.database.Rows;
import java.net.URL;
import java.security.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The authorization server's authorizations in PostgreSQL, so that any node serves any step. Tokens are kept as
 * HMACs only: an authorization read back carries the real value of the token it was found by, and a placeholder for
 * the others, which a save then leaves as stored. Every save is compare-and-set on a version, so that a code or a
 * refresh token spent twice at once revokes the authorization instead of forking it; a spent refresh token that
 * comes back revokes it too (its family was stolen).
 */
@Repository
class JdbcAuthorizationRepository implements OAuth2AuthorizationService {

    /** The value of a token that was read back without it: never a real token, never stored. */
    static final String WITHHELD = "withheld";

    private static final String VERSION = "roster.version";
    private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final TypeReference<Set<String>> SET = new TypeReference<>() {};
    private static final Set<String> TIMES = Set.of("iat", "exp", "nbf");

    private final JdbcClient jdbc;
    private final RosterClients clients;
    private final Secrets secrets;
    private final JsonMapper json;
    private final TransactionTemplate transaction;

    JdbcAuthorizationRepository(
            JdbcClient jdbc, RosterClients clients, Secrets secrets, JsonMapper json, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.clients = clients;
        this.secrets = secrets;
        this.json = json;
        this.transaction = transaction;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        Long version = authorization.getAttribute(VERSION);
        boolean saved = Boolean.TRUE.equals(transaction.execute(
                status -> version == null ? insert(authorization) : update(authorization, version)));
        if (!saved) {
            // Someone else changed it since it was read: the same code or refresh token is being spent twice.
            revoke(authorization.getId());
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
        }
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        jdbc.sql("DELETE FROM oauth2_authorizations WHERE id = :id")
                .param("id", authorization.getId())
                .update();
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return jdbc.sql("SELECT * FROM oauth2_authorizations WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> read(rs, null, null))
                .optional()
                .orElse(null);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        if (token == null || token.isEmpty() || token.length() > 8192 || token.equals(WITHHELD)) {
            return null;
        }
        byte[] hash = hash(token);
        String column = tokenType == null ? null : column(tokenType);
        if (tokenType != null && column == null) {
            return null;
        }
        String where = column != null
                ? column + "_hash = :hash"
                : "code_hash = :hash OR access_hash = :hash OR refresh_hash = :hash OR id_token_hash = :hash";
        Optional<OAuth2Authorization> found = jdbc.sql("SELECT * FROM oauth2_authorizations WHERE " + where)
                .param("hash", hash)
                .query((rs, row) -> read(rs, token, hash))
                .optional();
        if (found.isEmpty() && (tokenType == null || OAuth2TokenType.REFRESH_TOKEN.equals(tokenType))) {
            revokeSpent(hash);
        }
        if (found.isEmpty() && ID_TOKEN.equals(tokenType)) {
            found = jdbc.sql("""
                            SELECT a.* FROM oauth2_authorizations a JOIN oauth2_past_id_tokens p
                                ON p.authorization_id = a.id
                            WHERE p.token_hash = :hash
                            """)
                    .param("hash", hash)
                    .query((rs, row) -> read(rs, null, null))
                    .optional();
        }
        return found.orElse(null);
    }

    /** Revokes every authorization of the user, or of every user of the organization. */
    void revokeAllOf(UserId user, OrganizationId organization) {
        jdbc.sql("""
                        UPDATE oauth2_authorizations SET revoked_at = now(), version = version + 1
                        WHERE revoked_at IS NULL AND (user_id = :user OR organization_id = :org)
                        """)
                .param("user", user == null ? null : user.value())
                .param("org", organization == null ? null : organization.value())
                .update();
    }

    /** Forgets authorizations whose every token expired more than a day ago. */
    int purgeExpired() {
        return jdbc.sql("""
                        DELETE FROM oauth2_authorizations
                        WHERE GREATEST(code_expires_at, access_expires_at, refresh_expires_at, id_token_expires_at)
                            < now() - interval '1 day'
                        """).update();
    }

    private void revoke(String id) {
        jdbc.sql("UPDATE oauth2_authorizations SET revoked_at = now(), version = version + 1 WHERE id = :id")
                .param("id", id)
                .update();
    }

    /** A refresh token that was already exchanged came back: the authorization it belongs to is revoked. */
    private void revokeSpent(byte[] hash) {
        jdbc.sql("""
                        UPDATE oauth2_authorizations SET revoked_at = now(), version = version + 1
                        WHERE revoked_at IS NULL
                            AND id = (SELECT authorization_id FROM oauth2_spent_refresh_tokens WHERE token_hash = :hash)
                        """).param("hash", hash).update();
    }

    private boolean insert(OAuth2Authorization authorization) {
        Who who = who(authorization);
        jdbc.sql("""
                        INSERT INTO oauth2_authorizations (id, application_id, principal_name, user_id,
                            organization_id, session_id, auth_time, grant_type, scopes, request)
                        VALUES (:id, :app, :principal, :user, :org, :session, :authTime, :grant, CAST(:scopes AS jsonb),
                            CAST(:request AS jsonb))
                        """)
                .param("id", authorization.getId())
                .param("app", UUID.fromString(authorization.getRegisteredClientId()))
                .param("principal", authorization.getPrincipalName())
                .param("user", who.user())
                .param("org", who.organization())
                .param("session", who.session())
                .param("authTime", Rows.timestamp(who.authTime()))
                .param("grant", authorization.getAuthorizationGrantType().getValue())
                .param("scopes", json.writeValueAsString(authorization.getAuthorizedScopes()))
                .param("request", request(authorization))
                .update();
        writeTokens(authorization);
        return true;
    }

    /** The row as a save finds it, locked. */
    private record Stored(long version, boolean revoked, byte[] refreshHash, byte[] idTokenHash) {}

    /**
     * Saves over the row read at {@code version}; false when it changed since. A revoked authorization stays as it
     * is: nothing saved on it matters any more.
     */
    private boolean update(OAuth2Authorization authorization, long version) {
        Stored stored = jdbc.sql(
                        "SELECT version, revoked_at, refresh_hash, id_token_hash FROM oauth2_authorizations WHERE id = :id"
                                + " FOR UPDATE")
                .param("id", authorization.getId())
                .query((rs, row) -> new Stored(
                        rs.getLong("version"),
                        rs.getObject("revoked_at") != null,
                        rs.getBytes("refresh_hash"),
                        rs.getBytes("id_token_hash")))
                .optional()
                .orElse(null);
        if (stored == null || (!stored.revoked() && stored.version() != version)) {
            return false;
        }
        if (stored.revoked()) {
            return true;
        }
        // An exchanged refresh token is spent, and comes back only if stolen; a replaced ID token stays good as a
        // logout hint, since a client may keep the first one.
        rememberReplaced(
                authorization, authorization.getRefreshToken(), stored.refreshHash(), "oauth2_spent_refresh_tokens");
        rememberReplaced(
                authorization,
                authorization.getToken(OidcIdToken.class),
                stored.idTokenHash(),
                "oauth2_past_id_tokens");
        jdbc.sql("""
                        UPDATE oauth2_authorizations SET version = version + 1, updated_at = now(),
                            scopes = CAST(:scopes AS jsonb)
                        WHERE id = :id
                        """)
                .param("id", authorization.getId())
                .param("scopes", json.writeValueAsString(authorization.getAuthorizedScopes()))
                .update();
        writeTokens(authorization);
        return true;
    }

    /** Keeps the stored hash of a token the authorization now replaces with a new one, in {@code table}. */
    private void rememberReplaced(
            OAuth2Authorization authorization, OAuth2Authorization.Token<?> token, byte[] storedHash, String table) {
        if (storedHash == null
                || token == null
                || token.getToken().getTokenValue().equals(WITHHELD)
                || Arrays.equals(storedHash, hash(token.getToken().getTokenValue()))) {
            return;
        }
        jdbc.sql("INSERT INTO " + table + " (token_hash, authorization_id) VALUES (:hash, :id) ON CONFLICT DO NOTHING")
                .param("hash", storedHash)
                .param("id", authorization.getId())
                .update();
    }

    /** Stores each token read with its value (or newly made) in full, and only the state of a withheld one. */
    private void writeTokens(OAuth2Authorization authorization) {
        write(authorization, authorization.getToken(OAuth2AuthorizationCode.class), "code");
        write(authorization, authorization.getAccessToken(), "access");
        write(authorization, authorization.getRefreshToken(), "refresh");
        write(authorization, authorization.getToken(OidcIdToken.class), "id_token");
    }

    private void write(OAuth2Authorization authorization, OAuth2Authorization.Token<?> token, String column) {
        if (token == null) {
            return;
        }
        OAuth2Token value = token.getToken();
        if (value.getTokenValue().equals(WITHHELD)) {
            jdbc.sql("UPDATE oauth2_authorizations SET " + column + "_invalidated = :invalidated WHERE id = :id")
                    .param("id", authorization.getId())
                    .param("invalidated", token.isInvalidated())
                    .update();
            return;
        }
        String extra = switch (column) {
            case "access" -> ", access_scopes = CAST(:scopes AS jsonb), access_claims = CAST(:claims AS jsonb)";
            case "id_token" -> ", id_token_claims = CAST(:claims AS jsonb)";
            default -> "";
        };
        var statement = jdbc.sql("UPDATE oauth2_authorizations SET " + column + "_hash = :hash, " + column
                        + "_issued_at = :issuedAt, " + column + "_expires_at = :expiresAt, " + column
                        + "_invalidated = :invalidated" + extra + " WHERE id = :id")
                .param("id", authorization.getId())
                .param("hash", hash(value.getTokenValue()))
                .param("issuedAt", Rows.timestamp(value.getIssuedAt()))
                .param("expiresAt", Rows.timestamp(value.getExpiresAt()))
                .param("invalidated", token.isInvalidated());
        if (column.equals("access")) {
            statement = statement
                    .param("scopes", json.writeValueAsString(((OAuth2AccessToken) value).getScopes()))
                    .param("claims", claims(token.getClaims()));
        } else if (column.equals("id_token")) {
            statement = statement.param("claims", claims(token.getClaims()));
        }
        statement.update();
    }

    private OAuth2Authorization read(ResultSet rs, String token, byte[] hash) throws SQLException {
        RegisteredClient client = clients.findById(rs.getString("application_id"));
        if (client == null) {
            return null;
        }
        boolean revoked = rs.getObject("revoked_at") != null;
        OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(client)
                .id(rs.getString("id"))
                .principalName(rs.getString("principal_name"))
                .authorizationGrantType(new AuthorizationGrantType(rs.getString("grant_type")))
                .authorizedScopes(json.readValue(rs.getString("scopes"), SET))
                .attribute(VERSION, rs.getLong("version"));
        String request = rs.getString("request");
        if (request != null) {
            builder.attribute(OAuth2AuthorizationRequest.class.getName(), request(json.readValue(request, MAP)));
        }
        UUID user = rs.getObject("user_id", UUID.class);
        if (user != null) {
            builder.attribute(
                    Principal.class.getName(),
                    new AuthorizedUser(
                            new UserId(user),
                            new OrganizationId(rs.getObject("organization_id", UUID.class)),
                            rs.getObject("session_id", UUID.class),
                            Rows.instant(rs, "auth_time")));
        }
        if (rs.getBytes("code_hash") != null) {
            OAuth2AuthorizationCode code = new OAuth2AuthorizationCode(
                    value(rs, "code", token, hash),
                    Rows.instant(rs, "code_issued_at"),
                    Rows.instant(rs, "code_expires_at"));
            builder.token(code, metadata -> state(metadata, rs, "code", revoked, null));
        }
        if (rs.getBytes("access_hash") != null) {
            OAuth2AccessToken access = new OAuth2AccessToken(
                    OAuth2AccessToken.TokenType.BEARER,
                    value(rs, "access", token, hash),
                    Rows.instant(rs, "access_issued_at"),
                    Rows.instant(rs, "access_expires_at"),
                    json.readValue(rs.getString("access_scopes"), SET));
            Map<String, Object> claims = claims(rs.getString("access_claims"));
            builder.token(access, metadata -> state(metadata, rs, "access", revoked, claims));
        }
        if (rs.getBytes("refresh_hash") != null) {
            OAuth2RefreshToken refresh = new OAuth2RefreshToken(
                    value(rs, "refresh", token, hash),
                    Rows.instant(rs, "refresh_issued_at"),
                    Rows.instant(rs, "refresh_expires_at"));
            builder.token(refresh, metadata -> state(metadata, rs, "refresh", revoked, null));
        }
        if (rs.getBytes("id_token_hash") != null) {
            Map<String, Object> claims = claims(rs.getString("id_token_claims"));
            OidcIdToken idToken = new OidcIdToken(
                    value(rs, "id_token", token, hash),
                    Rows.instant(rs, "id_token_issued_at"),
                    Rows.instant(rs, "id_token_expires_at"),
                    claims);
            // A revoked authorization's ID token still names it as a logout hint; it grants nothing.
            builder.token(idToken, metadata -> state(metadata, rs, "id_token", false, claims));
        }
        return builder.build();
    }

    /** The token's value when it is the one asked for; a placeholder otherwise, since only hashes are kept. */
    private static String value(ResultSet rs, String column, String token, byte[] hash) {
        try {
            return hash != null && Arrays.equals(rs.getBytes(column + "_hash"), hash) ? token : WITHHELD;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void state(
            Map<String, Object> metadata, ResultSet rs, String column, boolean revoked, Map<String, Object> claims) {
        try {
            metadata.put(
                    OAuth2Authorization.Token.INVALIDATED_METADATA_NAME,
                    revoked || rs.getBoolean(column + "_invalidated"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (claims != null) {
            metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims);
        }
    }

    /** Who gave the authorization: a signed-in browser, or a user read back from an earlier step. */
    private record Who(UUID user, UUID organization, UUID session, Instant authTime) {}

    private static Who who(OAuth2Authorization authorization) {
        Authentication principal = authorization.getAttribute(Principal.class.getName());
        if (principal instanceof SessionAuthentication signedIn) {
            var session = signedIn.session();
            return new Who(
                    session.userId().value(), session.organizationId().value(), session.id(), session.createdAt());
        }
        if (principal instanceof AuthorizedUser user) {
            return new Who(user.user().value(), user.organization().value(), user.sessionId(), user.authTime());
        }
        return new Who(null, null, null, null);
    }

    private String request(OAuth2Authorization authorization) {
        OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
        if (request == null) {
            return null;
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("authorizationUri", request.getAuthorizationUri());
        stored.put("clientId", request.getClientId());
        stored.put("redirectUri", request.getRedirectUri());
        stored.put("scopes", List.copyOf(request.getScopes()));
        stored.put("state", request.getState());
        Map<String, Object> parameters = new LinkedHashMap<>();
        request.getAdditionalParameters().forEach((name, value) -> parameters.put(name, String.valueOf(value)));
        stored.put("additionalParameters", parameters);
        return json.writeValueAsString(stored);
    }

    @SuppressWarnings("unchecked")
    private static OAuth2AuthorizationRequest request(Map<String, Object> stored) {
        return OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri((String) stored.get("authorizationUri"))
                .clientId((String) stored.get("clientId"))
                .redirectUri((String) stored.get("redirectUri"))
                .scopes(new LinkedHashSet<>((List<String>) stored.get("scopes")))
                .state((String) stored.get("state"))
                .additionalParameters((Map<String, Object>) stored.get("additionalParameters"))
                .build();
    }

    /** Claims as JSON: times as epoch seconds, read back as the types Spring's token classes expect. */
    private String claims(Map<String, Object> claims) {
        if (claims == null) {
            return null;
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        claims.forEach((name, value) -> stored.put(name, jsonValue(value)));
        return json.writeValueAsString(stored);
    }

    private static Object jsonValue(Object value) {
        if (value instanceof Instant instant) {
            return instant.getEpochSecond();
        }
        if (value instanceof Date date) {
            return date.toInstant().getEpochSecond();
        }
        if (value instanceof URL url) {
            return url.toString();
        }
        return value;
    }

    private Map<String, Object> claims(String stored) {
        if (stored == null) {
            return Map.of();
        }
        Map<String, Object> claims = new LinkedHashMap<>(json.readValue(stored, MAP));
        claims.replaceAll((name, value) -> {
            if (TIMES.contains(name) && value instanceof Number seconds) {
                return Instant.ofEpochSecond(seconds.longValue());
            }
            if (name.equals("auth_time") && value instanceof Number seconds) {
                return Date.from(Instant.ofEpochSecond(seconds.longValue()));
            }
            return value;
        });
        return claims;
    }

    private byte[] hash(String token) {
        return secrets.hash("oauth2:" + token);
    }

    private static String column(OAuth2TokenType type) {
        if (type.getValue().equals(OAuth2ParameterNames.CODE)) {
            return "code";
        }
        if (OAuth2TokenType.ACCESS_TOKEN.equals(type)) {
            return "access";
        }
        if (OAuth2TokenType.REFRESH_TOKEN.equals(type)) {
            return "refresh";
        }
        if (ID_TOKEN.equals(type)) {
            return "id_token";
        }
        return null;
    }
}
