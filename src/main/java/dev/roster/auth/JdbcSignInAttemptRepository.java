package dev.roster.auth;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sign-in attempts per email within a window, counted in one statement so that concurrent attempts all count. */
@Repository
class JdbcSignInAttemptRepository {

    private final JdbcClient jdbc;

    JdbcSignInAttemptRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts one more attempt for the email; returns the attempts within the window, this one included. */
    int count(byte[] emailHash, Duration window) {
        return jdbc.sql("""
                        INSERT INTO sign_in_attempts AS a (email_hash, attempts, window_start)
                        VALUES (:email, 1, now())
                        ON CONFLICT (email_hash) DO UPDATE SET
                            attempts = CASE WHEN a.window_start > now() - make_interval(secs => :window)
                                            THEN a.attempts + 1 ELSE 1 END,
                            window_start = CASE WHEN a.window_start > now() - make_interval(secs => :window)
                                                THEN a.window_start ELSE now() END
                        RETURNING attempts
                        """)
                .param("email", emailHash)
                .param("window", window.toSeconds())
                .query(Integer.class)
                .single();
    }

    /** Forgets the email's attempts after a successful sign-in. */
    void clear(byte[] emailHash) {
        jdbc.sql("DELETE FROM sign_in_attempts WHERE email_hash = :email")
                .param("email", emailHash)
                .update();
    }

    /** Drops the counts whose window has passed. */
    int purge(Duration window) {
        return jdbc.sql("DELETE FROM sign_in_attempts WHERE window_start < now() - make_interval(secs => :window)")
                .param("window", window.toSeconds())
                .update();
    }
}
