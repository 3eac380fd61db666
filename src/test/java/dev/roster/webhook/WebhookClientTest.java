package dev.roster.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.shared.net.HostResolver;
import dev.roster.support.Receiver;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How one delivery reaches its receiver. Only loopback is ever connected to: a connection to any other address is
 * stopped inside the socket, before a packet leaves, and recorded.
 */
class WebhookClientTest {

    private static final byte[] PUBLIC = {(byte) 203, 0, 113, 10};
    private static final byte[] LOOPBACK = {127, 0, 0, 1};
    private static final Map<String, String> HEADERS =
            Map.of("webhook-id", "msg_1", "webhook-timestamp", "1", "webhook-signature", "v1,x");

    private final List<SocketAddress> connects = new CopyOnWriteArrayList<>();
    private final DetachedSocketFactory loopbackOnly = proxy -> new Socket() {
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            connects.add(endpoint);
            if (!((InetSocketAddress) endpoint).getAddress().isLoopbackAddress()) {
                throw new ConnectException("Connection refused (stopped by the test)");
            }
            super.connect(endpoint, timeout);
        }
    };
    private Receiver receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new Receiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aNameThatRebindsAfterTheCheckIsConnectedToOnlyAtTheCheckedAddress() throws Exception {
        // given a name that looks public to the first lookup and points at loopback from then on
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host ->
                new InetAddress[] {InetAddress.getByAddress(host, lookups.getAndIncrement() == 0 ? PUBLIC : LOOPBACK)};
        URI target = URI.create(receiver.url("/rebind").replace("127.0.0.1", "localhost"));
        WebhookClient client = new WebhookClient(rebinding, loopbackOnly, false, Duration.ofSeconds(2));

        // when
        WebhookClient.Outcome outcome = client.post(target, HEADERS, "{}");

        // then the only connection tried went to the address that was checked, and loopback got nothing
        assertThat(receiver.at("/rebind")).as(outcome.toString()).isEmpty();
        assertThat(lookups).hasValue(1);
        assertThat(connects)
                .as(outcome.toString())
                .containsExactly(new InetSocketAddress(InetAddress.getByAddress(PUBLIC), target.getPort()));
        assertThat(outcome.delivered()).isFalse();
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefusedBeforeAnyConnection() {
        HostResolver loopback = host -> new InetAddress[] {InetAddress.getByAddress(host, LOOPBACK)};
        WebhookClient client = new WebhookClient(loopback, loopbackOnly, false, Duration.ofSeconds(2));

        WebhookClient.Outcome outcome = client.post(
                URI.create(receiver.url("/inside").replace("127.0.0.1", "hooks.example.com")), HEADERS, "{}");

        assertThat(outcome).isEqualTo(new WebhookClient.Outcome(null, "refused_target"));
        assertThat(connects).isEmpty();
        assertThat(receiver.at("/inside")).isEmpty();
    }

    @Test
    void allowedPrivateTargetsAreStillReachedThroughTheOneLookup() {
        AtomicInteger lookups = new AtomicInteger();
        HostResolver counting = host -> {
            lookups.incrementAndGet();
            return new InetAddress[] {InetAddress.getByAddress(host, LOOPBACK)};
        };
        WebhookClient client = new WebhookClient(counting, loopbackOnly, true, Duration.ofSeconds(2));

        WebhookClient.Outcome outcome =
                client.post(URI.create(receiver.url("/named").replace("127.0.0.1", "localhost")), HEADERS, "{}");

        assertThat(outcome).isEqualTo(new WebhookClient.Outcome(204, null));
        assertThat(lookups).hasValue(1);
        assertThat(receiver.at("/named")).hasSize(1);
    }

    @Test
    void aClosedPortIsRecordedAsConnectionRefused() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        WebhookClient client = new WebhookClient(HostResolver.SYSTEM, loopbackOnly, true, Duration.ofSeconds(2));

        WebhookClient.Outcome outcome = client.post(URI.create("http://127.0.0.1:" + closed + "/x"), HEADERS, "{}");

        assertThat(outcome).isEqualTo(new WebhookClient.Outcome(null, "connection_refused"));
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsRecordedAsATimeout() {
        CountDownLatch release = new CountDownLatch(1);
        receiver.hold("/slow", release);
        WebhookClient client = new WebhookClient(HostResolver.SYSTEM, loopbackOnly, true, Duration.ofMillis(500));
        try {
            WebhookClient.Outcome outcome = client.post(URI.create(receiver.url("/slow")), HEADERS, "{}");

            assertThat(outcome).isEqualTo(new WebhookClient.Outcome(null, "timeout"));
        } finally {
            release.countDown();
        }
    }

    @Test
    void aReceiverThatSpeaksNoTlsOnAnHttpsUrlIsRecordedAsATlsFailure() throws Exception {
        // given a loopback server that answers plain HTTP to whatever it is sent
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                try (Socket socket = plain.accept()) {
                    socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                } catch (IOException ignored) {
                    // the test fails on its own assertion
                }
            });
            answering.start();
            WebhookClient client = new WebhookClient(HostResolver.SYSTEM, loopbackOnly, true, Duration.ofSeconds(2));

            // when it is sent a delivery over https
            WebhookClient.Outcome outcome =
                    client.post(URI.create("https://127.0.0.1:" + plain.getLocalPort() + "/plain"), HEADERS, "{}");

            // then
            assertThat(outcome).isEqualTo(new WebhookClient.Outcome(null, "tls"));
            answering.join(2000);
        }
    }

    @Test
    void aReceiversErrorStatusIsRecordedAsItsCodeAlone() {
        receiver.failNext("/down", 1);
        WebhookClient client = new WebhookClient(HostResolver.SYSTEM, loopbackOnly, true, Duration.ofSeconds(2));

        WebhookClient.Outcome outcome = client.post(URI.create(receiver.url("/down")), HEADERS, "{}");

        assertThat(outcome).isEqualTo(new WebhookClient.Outcome(503, null));
    }
}
