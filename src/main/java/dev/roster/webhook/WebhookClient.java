package dev.roster.webhook;

import dev.roster.shared.net.HostResolver;
import dev.roster.shared.net.OutboundTargets;
import dev.roster.shared.net.PinnedHttpClients;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts one delivery to a receiver and says how it went. The host is looked up once and checked, and the client
 * connects only to those checked addresses ({@link PinnedHttpClients}), so DNS rebinding reaches nothing else.
 */
final class WebhookClient {

    private static final Logger log = LoggerFactory.getLogger(WebhookClient.class);

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
    private final Duration timeout;

    WebhookClient(HostResolver resolver, DetachedSocketFactory sockets, boolean allowPrivate, Duration timeout) {
        this.resolver = resolver;
        this.sockets = sockets;
        this.allowPrivate = allowPrivate;
        this.timeout = timeout;
    }

    Outcome post(URI target, Map<String, String> headers, String body) {
        InetAddress[] checked;
        try {
            checked = OutboundTargets.addresses(target.getHost(), resolver, allowPrivate);
        } catch (OutboundTargets.RefusedTarget e) {
            return Outcome.failed("refused_target");
        } catch (UnknownHostException e) {
            return Outcome.failed("dns");
        }
        HttpPost post = new HttpPost(target);
        headers.forEach(post::setHeader);
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        try (CloseableHttpClient http = PinnedHttpClients.pinnedTo(target.getHost(), checked, sockets, timeout)) {
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
}
