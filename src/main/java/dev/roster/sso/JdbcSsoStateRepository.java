package dev.roster.sso;

import dev.roster.shared.OrganizationId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Sign-ins in flight. A state is spent under its row's lock, so only one callback can ever use it; the spent row
 * stays until it expires, so that a replay is known for what it is.
 */
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
            Instant expiresAt,
            boolean spentBefore) {}

    private static final String COLUMNS =
            "browser_hash, organization_id, provider_id, nonce, code_verifier, continue_url, expires_at";

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

    /**
     * Spends the state and returns it, saying whether it was spent already; empty when unknown or swept. Of two
     * concurrent callbacks, the second waits for the first's row lock and then finds the state spent.
     */
    Optional<State> take(byte[] stateHash) {
        Optional<State> fresh = jdbc.sql("UPDATE sso_states SET spent_at = now()"
                        + " WHERE state_hash = :state AND spent_at IS NULL RETURNING " + COLUMNS + ", false AS spent")
                .param("state", stateHash)
                .query(JdbcSsoStateRepository::map)
                .optional();
        if (fresh.isPresent()) {
            return fresh;
        }
        return jdbc.sql("SELECT " + COLUMNS + ", true AS spent FROM sso_states WHERE state_hash = :state")
                .param("state", stateHash)
                .query(JdbcSsoStateRepository::map)
                .optional();
    }

    private static State map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new State(
                rs.getBytes("browser_hash"),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getObject("provider_id", UUID.class),
                rs.getString("nonce"),
                rs.getString("code_verifier"),
                rs.getString("continue_url"),
                rs.getTimestamp("expires_at").toInstant(),
                rs.getBoolean("spent"));
    }
}
