package dev.roster.webhook;

import dev.roster.shared.net.HostResolver;
import dev.roster.shared.operations.ClaimingWorker;
import dev.roster.shared.operations.Claims;
import dev.roster.shared.operations.QueueGauges;
import dev.roster.shared.operations.SendRecord;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries on its own threads, signed per Standard Webhooks ({@code webhook-id}, {@code
 * webhook-timestamp}, {@code webhook-signature: v1,<base64 HMAC-SHA256>}). A 2xx answer delivers; anything else,
 * or no answer within the timeout, is retried after the next configured delay, and fails after the last. On
 * shutdown it stops claiming, gives back the deliveries it claimed but has not started, so that another node sends
 * them at once, and waits a few seconds for those being sent.
 */
@Component
class WebhookDispatcher extends ClaimingWorker {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 20;

    private final JdbcWebhookRepository webhooks;
    private final WebhookProperties properties;
    private final WebhookClient client;
    private final AtomicBoolean running = new AtomicBoolean();
    private final MeterRegistry meters;

    WebhookDispatcher(JdbcWebhookRepository webhooks, WebhookProperties properties, MeterRegistry meters) {
        super(
                new Claims("webhook deliveries", webhooks::release),
                daemons("roster-webhooks", 4),
                "Webhook deliveries were still being sent");
        this.webhooks = webhooks;
        this.properties = properties;
        this.meters = meters;
        QueueGauges.register(meters, "webhook", webhooks::queue);
        this.client = new WebhookClient(
                HostResolver.SYSTEM, proxy -> new Socket(), properties.allowPrivateTargets(), properties.timeout());
    }

    @Scheduled(fixedDelayString = "${roster.webhooks.poll-interval:PT1S}")
    void poll() {
        if (stopping() || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            List<JdbcWebhookRepository.Due> due;
            do {
                due = webhooks.claim(BATCH, properties.timeout().multipliedBy(3));
                claims.claimed(due.stream().map(JdbcWebhookRepository.Due::id).toList());
                if (stopping()) {
                    claims.giveBack();
                    break;
                }
                var sends = due.stream()
                        .map(d -> CompletableFuture.runAsync(() -> sendUnlessGivenBack(d), threads()))
                        .toList();
                sends.forEach(CompletableFuture::join);
            } while (due.size() == BATCH && !stopping());
        } catch (RuntimeException e) {
            log.warn("Webhook pass failed; the next pass retries", e);
        } finally {
            running.set(false);
        }
    }

    private void sendUnlessGivenBack(JdbcWebhookRepository.Due delivery) {
        if (!stopping() && claims.start(delivery.id())) {
            send(delivery);
        }
    }

    private void send(JdbcWebhookRepository.Due delivery) {
        try {
            String timestamp = Long.toString(System.currentTimeMillis() / 1000);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("User-Agent", "Roster-Webhooks/1");
            headers.put("webhook-id", delivery.eventId().toString());
            headers.put("webhook-timestamp", timestamp);
            headers.put("webhook-signature", "v1," + sign(delivery, timestamp));
            WebhookClient.Outcome outcome = client.post(URI.create(delivery.url()), headers, delivery.payload());
            if (outcome.delivered()) {
                // Delivered: a failure to write that down must not deliver it again (see SendRecord).
                if (!SendRecord.write(() -> webhooks.delivered(delivery.id(), outcome.status()), this::stopping)) {
                    log.warn(
                            "Webhook delivery {} arrived but the database did not record it; it is sent again when"
                                    + " its claim runs out",
                            delivery.id());
                    return;
                }
                count("delivered");
            } else {
                retry(delivery, outcome.status(), outcome.failure());
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            log.warn("Webhook delivery {} could not be sent", delivery.id(), e);
            retry(delivery, null, "internal");
        }
    }

    private void retry(JdbcWebhookRepository.Due delivery, Integer status, String error) {
        List<Duration> delays = properties.retryDelays();
        Duration next = delivery.attempts() <= delays.size() ? delays.get(delivery.attempts() - 1) : null;
        webhooks.failedAttempt(delivery.id(), status, error, next);
        if (next == null) {
            count("failed");
            meters.counter("roster.dead_letters", "kind", "webhook").increment();
        } else {
            count("retry");
        }
    }

    private void count(String outcome) {
        meters.counter("roster.webhook.deliveries", "outcome", outcome).increment();
    }

    /** The Standard Webhooks signature of {@code id.timestamp.body} under the endpoint's secret. */
    static String sign(JdbcWebhookRepository.Due delivery, String timestamp) throws GeneralSecurityException {
        byte[] key = Base64.getDecoder().decode(delivery.secret().substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String signed = delivery.eventId() + "." + timestamp + "." + delivery.payload();
        return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
