package dev.roster.webhook;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
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
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.config.Lookup;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts one delivery to a receiver and says how it went. The host is looked up once and checked; the connection
 * manager's only resolver answers with those checked addresses, so a name that changes its answer in between
 * (DNS rebinding) still reaches only what was checked. TLS verifies the certificate against the URL's host name.
 * No redirects, proxies, cookies or automatic retries.
 */
final class WebhookClient {

    private static final Logger log = LoggerFactory.getLogger(WebhookClient.class);

    private static final Lookup<TlsSocketStrategy> TLS = RegistryBuilder.<TlsSocketStrategy>create()
            .register("https", DefaultClientTlsStrategy.createDefault())
            .build();

    /**
     * What became of one try.
     *
     * @param status the receiver's HTTP status, if it answered
     * @param failure if it did not, why, in one word: {@code refused_target}, {@code dns}, {@code timeout}, {@code
     *     connection_refused}, {@code tls} or {@code io}; never an exception's message
     */
    record Outcome(Integer status, String failure) {

        boolean delivered() {
            return status != null && status / 100 == 2;
        }

        static Outcome failed(String failure) {
            return new Outcome(null, failure);
        }
    }

    private final HostResolver resolver;
    private final DetachedSocketFactory sockets;
    private final boolean allowPrivate;
    private final Timeout timeout;

    WebhookClient(HostResolver resolver, DetachedSocketFactory sockets, boolean allowPrivate, Duration timeout) {
        this.resolver = resolver;
        this.sockets = sockets;
        this.allowPrivate = allowPrivate;
        this.timeout = Timeout.ofMilliseconds(timeout.toMillis());
    }

    Outcome post(URI target, Map<String, String> headers, String body) {
        InetAddress[] checked;
        try {
            checked = WebhookTargets.addresses(target.getHost(), resolver, allowPrivate);
        } catch (WebhookTargets.RefusedTarget e) {
            return Outcome.failed("refused_target");
        } catch (UnknownHostException e) {
            return Outcome.failed("dns");
        }
        HttpPost post = new HttpPost(target);
        headers.forEach(post::setHeader);
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        try (CloseableHttpClient http = pinnedTo(target.getHost(), checked)) {
            return new Outcome(
                    http.execute(post, response -> {
                        EntityUtils.consume(response.getEntity());
                        return response.getCode();
                    }),
                    null);
        } catch (SSLException e) {
            return Outcome.failed("tls");
        } catch (InterruptedIOException e) {
            return Outcome.failed("timeout");
        } catch (ConnectException e) {
            return Outcome.failed("connection_refused");
        } catch (UnknownHostException e) {
            return Outcome.failed("dns");
        } catch (IOException e) {
            return Outcome.failed("io");
        } catch (RuntimeException e) {
            log.warn("A webhook to {} failed inside Roster", target.getHost(), e);
            return Outcome.failed("io");
        }
    }

    /** A client for one delivery whose only way to resolve a name is the list of checked addresses. */
    private CloseableHttpClient pinnedTo(String host, InetAddress[] checked) {
        BasicHttpClientConnectionManager connections = new BasicHttpClientConnectionManager(
                new DefaultHttpClientConnectionOperator(
                        sockets, DefaultSchemePortResolver.INSTANCE, new Pinned(host, checked), TLS),
                null);
        connections.setConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(timeout)
                .setSocketTimeout(timeout)
                .build());
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(
                        RequestConfig.custom().setResponseTimeout(timeout).build())
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
            if (!WebhookTargets.bare(name).equalsIgnoreCase(WebhookTargets.bare(host))) {
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
