package dev.roster.scim;

import dev.roster.shared.OrganizationId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SCIM settings of each organization; an organization without a row has the defaults. */
@Repository
class JdbcScimSettingsRepository {

    private final JdbcClient jdbc;

    JdbcScimSettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ScimSettings find(OrganizationId org) {
        return jdbc.sql("SELECT sends_invitations FROM scim_settings WHERE organization_id = :org")
                .param("org", org.value())
                .query((rs, row) -> new ScimSettings(rs.getBoolean(1)))
                .optional()
                .orElse(new ScimSettings(false));
    }

    void save(OrganizationId org, ScimSettings settings, String actor) {
        jdbc.sql("""
                        INSERT INTO scim_settings (organization_id, sends_invitations, updated_by)
                        VALUES (:org, :sends, :actor)
                        ON CONFLICT (organization_id) DO UPDATE
                        SET sends_invitations = :sends, updated_at = now(), updated_by = :actor
                        """)
                .param("org", org.value())
                .param("sends", settings.scimSendsInvitations())
                .param("actor", actor)
                .update();
    }
}
