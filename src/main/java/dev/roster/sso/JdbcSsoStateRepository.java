package dev.roster.sso;

import dev.roster.shared.OrganizationId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sign-ins in flight. A state is spent by deleting its row, so only one callback can ever use it. */
@Repository
class JdbcSsoStateRepository {

    /** A started sign-in, as the callback needs it. */
    record State(
            byte[] browserHash,
            OrganizationId organizationId,
            UUID providerId,
            String nonce,
            String sealedVerifier,
            String continueUrl,
            Instant expiresAt) {}

    private final JdbcClient jdbc;

    JdbcSsoStateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(byte[] stateHash, State state) {
        jdbc.sql("DELETE FROM sso_states WHERE expires_at < now()").update();
        jdbc.sql("""
                        INSERT INTO sso_states (state_hash, browser_hash, organization_id, provider_id, nonce,
                            code_verifier, continue_url, expires_at)
                        VALUES (:state, :browser, :org, :provider, :nonce, :verifier, :continue, :expires)
                        """)
                .param("state", stateHash)
                .param("browser", state.browserHash())
                .param("org", state.organizationId().value())
                .param("provider", state.providerId())
                .param("nonce", state.nonce())
                .param("verifier", state.sealedVerifier())
                .param("continue", state.continueUrl())
                .param("expires", java.sql.Timestamp.from(state.expiresAt()))
                .update();
    }

    /** Spends the state: deletes it and returns it, whether or not it has expired; empty when unknown or spent. */
    Optional<State> take(byte[] stateHash) {
        return jdbc.sql("""
                        DELETE FROM sso_states WHERE state_hash = :state
                        RETURNING browser_hash, organization_id, provider_id, nonce, code_verifier, continue_url,
                            expires_at
                        """)
                .param("state", stateHash)
                .query((rs, row) -> new State(
                        rs.getBytes("browser_hash"),
                        new OrganizationId(rs.getObject("organization_id", UUID.class)),
                        rs.getObject("provider_id", UUID.class),
                        rs.getString("nonce"),
                        rs.getString("code_verifier"),
                        rs.getString("continue_url"),
                        rs.getTimestamp("expires_at").toInstant()))
                .optional();
    }
}
