package dev.roster.auth;

import java.security.SecureRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Secrets generated once and shared by every node through the database. */
@Repository
class JdbcServerSecretRepository {

    private final JdbcClient jdbc;

    JdbcServerSecretRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns the named secret, creating it first if no node has yet; concurrent nodes all get the same one. */
    byte[] getOrCreate(String name, int bytes) {
        byte[] fresh = new byte[bytes];
        new SecureRandom().nextBytes(fresh);
        jdbc.sql("INSERT INTO server_secrets (name, value) VALUES (:name, :value) ON CONFLICT (name) DO NOTHING")
                .param("name", name)
                .param("value", fresh)
                .update();
        return jdbc.sql("SELECT value FROM server_secrets WHERE name = :name")
                .param("name", name)
                .query(byte[].class)
                .single();
    }
}
