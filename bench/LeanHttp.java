import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A deliberately small HTTP/1.1 client for the benchmark: one keep-alive connection per client thread, requests
 * written as bytes, answers read by Content-Length or chunked encoding. It spends a few tens of microseconds of CPU
 * a request where java.net.http spends several hundred, so that the generator takes little of the two cores it
 * shares with the server it measures. Loopback only; not a general-purpose client.
 */
final class LeanHttp implements AutoCloseable {

    /** An answer: its status and body (as text; the benchmark's answers are small JSON documents). */
    record Response(int status, String body, String location) {}

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] line = new byte[8192];

    LeanHttp(String baseUrl) {
        URI uri = URI.create(baseUrl);
        if (!uri.getHost().equals("127.0.0.1")) {
            throw new IllegalArgumentException("The benchmark targets loopback only");
        }
        host = uri.getHost();
        port = uri.getPort();
    }

    Response get(String path, String bearer) throws IOException {
        return send("GET", path, bearer == null ? null : "Bearer " + bearer, null, null);
    }

    Response post(String path, String bearer, String contentType, String body) throws IOException {
        return send("POST", path, bearer == null ? null : "Bearer " + bearer, contentType, body);
    }

    Response delete(String path, String bearer) throws IOException {
        return send("DELETE", path, bearer == null ? null : "Bearer " + bearer, null, null);
    }

    /**
     * Sends one request with the whole Authorization value (or none), reconnecting once when a kept-alive connection
     * was closed by the server.
     */
    Response send(String method, String path, String authorization, String contentType, String body)
            throws IOException {
        byte[] request = request(method, path, authorization, contentType, body);
        try {
            return exchange(request);
        } catch (IOException closed) {
            close();
            return exchange(request);
        }
    }

    private byte[] request(String method, String path, String authorization, String contentType, String body) {
        byte[] content = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                .append(host).append(':').append(port).append("\r\nAccept: application/json\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (content != null) {
            head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(content.length)
                    .append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        if (content == null) {
            return headBytes;
        }
        byte[] all = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(content, 0, all, headBytes.length, content.length);
        return all;
    }

    private Response exchange(byte[] request) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream(), 16_384);
            out = socket.getOutputStream();
        }
        out.write(request);
        out.flush();
        String statusLine = readLine();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        String location = null;
        for (String header; !(header = readLine()).isEmpty(); ) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                closeAfter = value.equalsIgnoreCase("close");
            } else if (name.equalsIgnoreCase("Location")) {
                location = value;
            }
        }
        byte[] body = chunked ? readChunked() : readFixed(Math.max(0, length));
        if (closeAfter) {
            close();
        }
        return new Response(status, new String(body, StandardCharsets.UTF_8), location);
    }

    private byte[] readChunked() throws IOException {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        while (true) {
            String size = readLine();
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                while (!readLine().isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.write(readFixed(n));
            readLine();
        }
    }

    private byte[] readFixed(long length) throws IOException {
        byte[] body = new byte[(int) length];
        int read = 0;
        while (read < length) {
            int n = in.read(body, read, (int) length - read);
            if (n < 0) {
                throw new EOFException("connection closed in a body");
            }
            read += n;
        }
        return body;
    }

    private String readLine() throws IOException {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b == '\n') {
                int end = n > 0 && line[n - 1] == '\r' ? n - 1 : n;
                return new String(line, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (n == line.length) {
                throw new IOException("header line too long");
            }
            line[n++] = (byte) b;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
    }
}
