package dev.roster.sso;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.InitialDirContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * TXT records, looked up through the system's resolver or the servers in {@code ROSTER_DNS_SERVERS}
 * ({@code host:port}, separated by commas), with a short timeout so that a dead server fails a verification
 * quickly.
 */
@Component
class DnsTxtLookup {

    private final String providerUrl;

    DnsTxtLookup(@Value("${roster.dns-servers:}") List<String> servers) {
        List<String> urls = new ArrayList<>();
        for (String server : servers) {
            if (!server.isBlank()) {
                urls.add("dns://" + server.strip());
            }
        }
        this.providerUrl = urls.isEmpty() ? "dns:" : String.join(" ", urls);
    }

    /** The TXT strings at the name; empty when there are none or the name does not exist. */
    List<String> txt(String name) throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
        env.put(Context.PROVIDER_URL, providerUrl);
        env.put("com.sun.jndi.dns.timeout.initial", "2000");
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        InitialDirContext context = new InitialDirContext(env);
        try {
            Attribute records =
                    context.getAttributes(name, new String[] {"TXT"}).get("TXT");
            List<String> values = new ArrayList<>();
            if (records != null) {
                for (NamingEnumeration<?> all = records.getAll(); all.hasMore(); ) {
                    values.add(unquote(String.valueOf(all.next())));
                }
            }
            return values;
        } catch (NameNotFoundException none) {
            return List.of();
        } finally {
            context.close();
        }
    }

    /** JNDI gives a TXT record's strings quoted and separated by spaces; a long value is split in 255-byte parts. */
    private static String unquote(String record) {
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        for (char c : record.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (quoted || c != ' ') {
                value.append(c);
            }
        }
        return value.toString();
    }
}
