package dev.roster.oidc;

import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Consents users gave applications, in PostgreSQL. */
@Repository
class JdbcConsentRepository implements OAuth2AuthorizationConsentService {

    private static final TypeReference<Set<String>> SET = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JdbcConsentRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void save(OAuth2AuthorizationConsent consent) {
        jdbc.sql("""
                        INSERT INTO oauth2_consents (application_id, principal_name, authorities)
                        VALUES (:app, :principal, CAST(:authorities AS jsonb))
                        ON CONFLICT (application_id, principal_name) DO UPDATE SET authorities = EXCLUDED.authorities
                        """)
                .param("app", UUID.fromString(consent.getRegisteredClientId()))
                .param("principal", consent.getPrincipalName())
                .param(
                        "authorities",
                        json.writeValueAsString(consent.getAuthorities().stream()
                                .map(Object::toString)
                                .toList()))
                .update();
    }

    @Override
    public void remove(OAuth2AuthorizationConsent consent) {
        jdbc.sql("DELETE FROM oauth2_consents WHERE application_id = :app AND principal_name = :principal")
                .param("app", UUID.fromString(consent.getRegisteredClientId()))
                .param("principal", consent.getPrincipalName())
                .update();
    }

    @Override
    public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
        UUID app;
        try {
            app = UUID.fromString(registeredClientId);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return jdbc.sql("""
                        SELECT authorities FROM oauth2_consents
                        WHERE application_id = :app AND principal_name = :principal
                        """)
                .param("app", app)
                .param("principal", principalName)
                .query((rs, row) -> {
                    OAuth2AuthorizationConsent.Builder consent =
                            OAuth2AuthorizationConsent.withId(registeredClientId, principalName);
                    json.readValue(rs.getString("authorities"), SET)
                            .forEach(authority -> consent.authority(new SimpleGrantedAuthority(authority)));
                    return consent.build();
                })
                .optional()
                .orElse(null);
    }
}
