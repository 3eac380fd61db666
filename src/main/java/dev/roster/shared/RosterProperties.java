package dev.roster.shared;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Roster's own settings, bound from {@code roster.*} properties or the matching {@code ROSTER_*} environment
 * variables.
 *
 * @param dataDir where the embedded PostgreSQL, the bootstrap key file and local mail live
 * @param bootstrapKey a platform key accepted as given (stored only as a hash); blank to generate one
 * @param keyPepper the server secret mixed into every key hash; blank to keep a generated one in the database
 * @param masterKey base64 of the 32-byte key that encrypts secrets at rest; blank to generate {@code
 *     <data dir>/master-key}, which only the embedded database allows
 * @param database an external PostgreSQL; blank url starts the embedded one
 * @param users user rules that an operator may change
 * @param publicUrl where people reach Roster; every link in an email starts with it, never with a request's Host
 */
@ConfigurationProperties("roster")
public record RosterProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("http://localhost:8080") String publicUrl,
        String bootstrapKey,
        String keyPepper,
        String masterKey,
        @DefaultValue Database database,
        @DefaultValue Users users) {

    /**
     * @param url a JDBC URL of an external PostgreSQL 14+; blank for the embedded one
     * @param ephemeral for tests: the embedded database lives in a temporary directory and is wiped on exit
     */
    public record Database(
            String url,
            String username,
            String password,
            @DefaultValue("false") boolean ephemeral) {

        public boolean external() {
            return url != null && !url.isBlank();
        }
    }

    /** @param emailUniqueAcrossPlatform one email may belong to one live user in the whole platform */
    public record Users(@DefaultValue("true") boolean emailUniqueAcrossPlatform) {}
}
