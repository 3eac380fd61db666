package dev.roster.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.hc.client5.http.io.DetachedSocketFactory;

/** Posts one delivery to a receiver and says how it went. */
final class WebhookClient {

    /**
     * What became of one try.
     *
     * @param status the receiver's HTTP status, if it answered
     * @param failure why there was no answer, if there was none
     */
    record Outcome(Integer status, String failure) {

        boolean delivered() {
            return status != null && status / 100 == 2;
        }
    }

    private final HostResolver resolver;
    private final boolean allowPrivate;
    private final Duration timeout;
    private final HttpClient http;

    WebhookClient(HostResolver resolver, DetachedSocketFactory sockets, boolean allowPrivate, Duration timeout) {
        this.resolver = resolver;
        this.allowPrivate = allowPrivate;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Outcome post(URI target, Map<String, String> headers, String body) {
        try {
            if (!allowPrivate && !WebhookTargets.publicHost(target.getHost(), resolver)) {
                return new Outcome(null, "the endpoint resolves to a private address");
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout);
            headers.forEach(request::header);
            HttpResponse<Void> response = http.send(
                    request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return new Outcome(response.statusCode(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted");
        } catch (Exception e) {
            return new Outcome(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
