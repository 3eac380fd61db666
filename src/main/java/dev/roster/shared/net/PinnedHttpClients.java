package dev.roster.shared.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.config.Lookup;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP clients for one call to an address a caller chose, after {@link OutboundTargets} checked it: the connection
 * manager's only resolver answers with the checked addresses, so a name that changes its answer in between (DNS
 * rebinding) still reaches only what was checked. TLS verifies the certificate against the URL's host name. No
 * redirects, proxies, cookies or automatic retries.
 */
public final class PinnedHttpClients {

    private static final Lookup<TlsSocketStrategy> TLS = RegistryBuilder.<TlsSocketStrategy>create()
            .register("https", DefaultClientTlsStrategy.createDefault())
            .build();

    private PinnedHttpClients() {}

    /** A client whose only way to resolve a name is the list of checked addresses of this one host. */
    public static CloseableHttpClient pinnedTo(
            String host, InetAddress[] checked, DetachedSocketFactory sockets, Duration timeout) {
        Timeout limit = Timeout.ofMilliseconds(timeout.toMillis());
        BasicHttpClientConnectionManager connections = new BasicHttpClientConnectionManager(
                new DefaultHttpClientConnectionOperator(
                        sockets, DefaultSchemePortResolver.INSTANCE, new Pinned(host, checked), TLS),
                null);
        connections.setConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(limit)
                .setSocketTimeout(limit)
                .build());
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(
                        RequestConfig.custom().setResponseTimeout(limit).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /** Answers for the one host that was checked, with the addresses that were checked; knows no other name. */
    private record Pinned(String host, InetAddress[] addresses) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String name) throws UnknownHostException {
            if (!OutboundTargets.bare(name).equalsIgnoreCase(OutboundTargets.bare(host))) {
                throw new UnknownHostException(name);
            }
            return addresses.clone();
        }

        @Override
        public String resolveCanonicalHostname(String name) {
            return name;
        }
    }
}
