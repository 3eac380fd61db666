package dev.roster.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small DNS server on loopback (UDP) for the whole test JVM, answering TXT queries from records a test
 * publishes; anything else is NXDOMAIN. The test server looks names up here ({@code roster.dns-servers}).
 */
public final class DnsServer {

    /** 3053 unless {@code -Droster.test.dns-port} says otherwise. */
    public static final int PORT = Integer.getInteger("roster.test.dns-port", 3053);

    private static final Map<String, List<String>> TXT = new ConcurrentHashMap<>();
    private static final DatagramSocket SOCKET = open();

    private DnsServer() {}

    /** Loads this class, which starts the server once per JVM. */
    public static void ensureStarted() {
        if (SOCKET.isClosed()) {
            throw new IllegalStateException("the test DNS server stopped");
        }
    }

    /** Publishes TXT records at a name, replacing what was there. */
    public static void txt(String name, String... values) {
        TXT.put(name.toLowerCase(Locale.ROOT), List.of(values));
    }

    private static DatagramSocket open() {
        try {
            DatagramSocket socket = new DatagramSocket(PORT, InetAddress.getByName("127.0.0.1"));
            Thread thread = new Thread(() -> serve(socket), "test-dns");
            thread.setDaemon(true);
            thread.start();
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void serve(DatagramSocket socket) {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket query = new DatagramPacket(buffer, buffer.length);
                socket.receive(query);
                byte[] answer = answer(query.getData(), query.getLength());
                socket.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
            } catch (IOException | RuntimeException e) {
                // a malformed query gets no answer; the client times out as it would on the internet
            }
        }
    }

    /** The answer to one query: the question echoed, then its TXT records, or NXDOMAIN. */
    private static byte[] answer(byte[] query, int length) {
        int position = 12;
        StringBuilder name = new StringBuilder();
        while (query[position] != 0) {
            int label = query[position++];
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(new String(query, position, label, StandardCharsets.US_ASCII));
            position += label;
        }
        position++;
        int type = ((query[position] & 0xff) << 8) | (query[position + 1] & 0xff);
        int questionEnd = position + 4;
        List<String> records = type == 16 ? TXT.get(name.toString().toLowerCase(Locale.ROOT)) : null;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(query[0]);
        out.write(query[1]);
        out.write(0x81);
        out.write(records == null ? 0x83 : 0x80);
        out.writeBytes(new byte[] {0, 1, 0, (byte) (records == null ? 0 : records.size()), 0, 0, 0, 0});
        out.write(query, 12, questionEnd - 12);
        for (String record : records == null ? List.<String>of() : records) {
            byte[] text = record.getBytes(StandardCharsets.US_ASCII);
            out.writeBytes(new byte[] {(byte) 0xc0, 12, 0, 16, 0, 1, 0, 0, 0, 60});
            out.write(0);
            out.write(text.length + 1);
            out.write(text.length);
            out.write(text, 0, text.length);
        }
        return out.toByteArray();
    }
}
