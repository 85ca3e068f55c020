package org.virtlayer.driver.remote.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.virtlayer.remote.protocol.WireLimits;
import org.virtlayer.remote.protocol.http.HttpHead;
import org.virtlayer.remote.protocol.http.HttpProtocolException;

/**
 * HTTP/1.1 over TLS to one node, with a pool of kept-alive connections. Concurrent calls each take their own
 * connection, so a long call (a start, a volume transfer) never holds up the others. A pooled connection is dropped
 * once it has been idle for less time than the server waits, so the server never closes one under a request.
 */
final class HttpsClient implements AutoCloseable {
    private static final int MAX_IDLE = 64;

    private final String host;
    private final int port;
    private final ClientTls tls;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final Deque<Conn> idle = new ArrayDeque<>();
    private volatile long maxIdleNanos = 30_000_000_000L;
    private volatile boolean closed;

    HttpsClient(String host, int port, ClientTls tls, int connectTimeoutMillis, int readTimeoutMillis) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    String address() {
        return host + ":" + port;
    }

    /** Keeps pooled connections for less than half the server's idle timeout. */
    void serverIdleTimeout(int seconds) {
        maxIdleNanos = Math.max(1, seconds) * 500_000_000L;
    }

    /** One TLS connection with its buffered streams. */
    static final class Conn implements AutoCloseable {
        final SSLSocket socket;
        final InputStream in;
        final OutputStream out;
        long idleSince;

        Conn(SSLSocket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing
            }
        }
    }

    /** A new connection, handshake done; the read timeout given (0: none). */
    Conn connect(int readTimeout) throws IOException {
        if (closed) {
            throw new IOException("client closed");
        }
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            raw.setTcpNoDelay(true);
            SSLSocket s = (SSLSocket) tls.context().getSocketFactory().createSocket(raw, host, port, true);
            s.setSSLParameters(tls.parameters());
            s.setSoTimeout(connectTimeoutMillis);
            s.startHandshake();
            s.setSoTimeout(readTimeout);
            return new Conn(s);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private Conn borrow() throws IOException {
        synchronized (idle) {
            long now = System.nanoTime();
            Conn c;
            while ((c = idle.pollFirst()) != null) {
                if (now - c.idleSince < maxIdleNanos && !c.socket.isClosed()) {
                    return c;
                }
                c.close();
            }
        }
        return connect(readTimeoutMillis);
    }

    private void release(Conn c) {
        c.idleSince = System.nanoTime();
        synchronized (idle) {
            if (!closed && idle.size() < MAX_IDLE) {
                idle.addFirst(c);
                return;
            }
        }
        c.close();
    }

    /** A reply read whole: its status and body. */
    record Reply(int status, byte[] body) {
    }

    /** Sends a request with a JSON body (or none) and reads the reply whole, bounded. */
    Reply exchange(String method, String path, byte[] json) throws IOException {
        Conn c = borrow();
        boolean reusable = false;
        try {
            writeHead(c.out, method, path, json == null ? 0 : json.length, "application/json");
            if (json != null) {
                c.out.write(json);
            }
            c.out.flush();
            HttpHead head = HttpHead.read(c.in);
            if (head == null) {
                throw new IOException("the node closed the connection without answering");
            }
            int status = status(head);
            byte[] body;
            try (InputStream b = head.body(c.in, WireLimits.MAX_REPLY_BYTES)) {
                body = b.readAllBytes();
            }
            reusable = !head.wantsClose();
            return new Reply(status, body);
        } finally {
            if (reusable) {
                release(c);
            } else {
                c.close();
            }
        }
    }

    /** Opens a request whose reply is read as a stream by the caller, on a connection of its own. */
    Streamed stream(String method, String path, int readTimeout) throws IOException {
        Conn c = connect(readTimeout);
        try {
            writeHead(c.out, method, path, 0, null);
            c.out.flush();
            HttpHead head = HttpHead.read(c.in);
            if (head == null) {
                throw new IOException("the node closed the connection without answering");
            }
            return new Streamed(c, status(head), head);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** A reply being read: the caller reads {@link #body} and closes. */
    record Streamed(Conn conn, int status, HttpHead head) implements AutoCloseable {
        InputStream body(long max) throws HttpProtocolException {
            return head.body(conn.in, max);
        }

        @Override
        public void close() {
            conn.close();
        }
    }

    /**
     * Sends a chunked request body written by {@code writer}, then reads the reply whole. The body goes only once the
     * node said "100 Continue", which it says when the call starts reading it: a refused upload (e.g.
     * OPERATION_DENIED) is answered before a byte of content travels.
     */
    Reply upload(String path, BodyWriter writer) throws IOException {
        Conn c = connect(readTimeoutMillis);
        try {
            Map<String, String> h = baseHeaders();
            h.put("Content-Type", "application/octet-stream");
            h.put("Transfer-Encoding", "chunked");
            h.put("Expect", "100-continue");
            HttpHead.write(c.out, "PUT " + path + " HTTP/1.1", h);
            c.out.flush();
            HttpHead head = HttpHead.read(c.in);
            if (head != null && status(head) == 100) {
                try (var body = new org.virtlayer.remote.protocol.http.ChunkedOutputStream(c.out)) {
                    writer.write(body);
                }
                head = HttpHead.read(c.in);
            }
            if (head == null) {
                throw new IOException("the node closed the connection without answering");
            }
            try (InputStream b = head.body(c.in, WireLimits.MAX_REPLY_BYTES)) {
                return new Reply(status(head), b.readAllBytes());
            }
        } finally {
            c.close();
        }
    }

    @FunctionalInterface
    interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    private void writeHead(OutputStream out, String method, String path, int length, String type)
            throws IOException {
        Map<String, String> h = baseHeaders();
        if (type != null) {
            h.put("Content-Type", type);
        }
        if (length > 0 || method.equals("POST") || method.equals("PUT")) {
            h.put("Content-Length", Integer.toString(length));
        }
        HttpHead.write(out, method + " " + path + " HTTP/1.1", h);
    }

    private Map<String, String> baseHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", host.contains(":") ? "[" + host + "]:" + port : host + ":" + port);
        h.put("Accept", "application/json");
        return h;
    }

    private static int status(HttpHead head) throws HttpProtocolException {
        String[] p = head.startLine().split(" ", 3);
        if (p.length < 2 || !p[0].startsWith("HTTP/1.") || p[1].length() != 3) {
            throw new HttpProtocolException(502, "malformed status line from the node");
        }
        try {
            return Integer.parseInt(p[1]);
        } catch (NumberFormatException e) {
            throw new HttpProtocolException(502, "malformed status line from the node");
        }
    }

    /** Drops idle connections (the node restarted: they are dead). */
    void dropIdle() {
        synchronized (idle) {
            idle.forEach(Conn::close);
            idle.clear();
        }
    }

    @Override
    public void close() {
        closed = true;
        dropIdle();
    }
}
