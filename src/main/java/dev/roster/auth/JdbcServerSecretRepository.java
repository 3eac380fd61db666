package dev.roster.auth;

import dev.roster.shared.secret.SecretBox;
import java.security.SecureRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Secrets generated once and shared by every node through the database, sealed under the master key. */
@Repository
class JdbcServerSecretRepository {

    private final JdbcClient jdbc;
    private final SecretBox box;

    JdbcServerSecretRepository(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
    }

    /** Returns the named secret, creating it first if no node has yet; concurrent nodes all get the same one. */
    byte[] getOrCreate(String name, int bytes) {
        byte[] fresh = new byte[bytes];
        new SecureRandom().nextBytes(fresh);
        jdbc.sql("INSERT INTO server_secrets (name, value) VALUES (:name, :value) ON CONFLICT (name) DO NOTHING")
                .param("name", name)
                .param("value", box.seal(fresh))
                .update();
        return box.open(jdbc.sql("SELECT value FROM server_secrets WHERE name = :name")
                .param("name", name)
                .query(byte[].class)
                .single());
    }
}
