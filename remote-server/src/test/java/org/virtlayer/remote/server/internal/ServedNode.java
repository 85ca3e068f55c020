package org.virtlayer.remote.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.virtlayer.core.internal.ConnectionFactoryImpl;
import org.virtlayer.core.internal.host.LinuxHost;
import org.virtlayer.driver.test.internal.TestDriver;
import org.virtlayer.remote.protocol.http.HttpHead;
import org.virtlayer.remote.protocol.tls.Pem;
import org.virtlayer.remote.protocol.tls.Tls13;
import org.virtlayer.remote.server.ClientBundle;
import org.virtlayer.remote.server.Role;
import org.virtlayer.spi.HypervisorDriver;

/** The real core with the test driver behind a remote server on 127.0.0.1, and a raw HTTPS client for tests. */
final class ServedNode implements AutoCloseable {
    final ConnectionFactoryImpl factory;
    final RemoteServer server;
    final ClientBundle admin;
    final SSLContext adminTls;

    ServedNode(Path dir, ServerSettings settings) throws Exception {
        factory = new ConnectionFactoryImpl(new LinuxHost(), 1000);
        factory.addDriver(new TestDriver(), Map.of(HypervisorDriver.SCHEMES, "test", HypervisorDriver.NAME, "test",
                HypervisorDriver.NONBLOCKING, Boolean.TRUE), "test");
        server = RemoteServer.start(factory, settings);
        admin = server.issueClientCertificate("admin", Role.ADMIN);
        adminTls = Tls13.context(Tls13.keyManagers(Pem.privateKey(admin.privateKeyPem()),
                Pem.certificates(admin.certificatePem()).toArray(new X509Certificate[0])),
                Tls13.trustManagers(List.of(server.caCertificate())));
    }

    ServedNode(Path dir) throws Exception {
        this(dir, ServerSettings.defaults(0, dir.resolve("pki")));
    }

    /** A TLS 1.3 connection as the admin client. */
    Raw connect() throws IOException {
        SSLSocket s = (SSLSocket) adminTls.getSocketFactory().createSocket("127.0.0.1", server.port());
        s.setSoTimeout(10_000);
        s.startHandshake();
        return new Raw(s);
    }

    /** One raw connection: write bytes, read replies. */
    static final class Raw implements AutoCloseable {
        final SSLSocket socket;
        final InputStream in;
        final OutputStream out;

        Raw(SSLSocket socket) throws IOException {
            this.socket = socket;
            this.in = new java.io.BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        void send(String head, byte[] body) throws IOException {
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
        }

        Reply post(String path, String json) throws IOException {
            byte[] b = json.getBytes(StandardCharsets.UTF_8);
            send("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + b.length + "\r\n\r\n", b);
            return read();
        }

        Reply get(String path) throws IOException {
            send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n", null);
            return read();
        }

        /** The next reply; null if the server closed the connection. */
        Reply read() throws IOException {
            HttpHead h = HttpHead.read(in);
            if (h == null) {
                return null;
            }
            byte[] body;
            try (InputStream b = h.body(in, 1 << 24)) {
                body = b.readAllBytes();
            }
            return new Reply(Integer.parseInt(h.startLine().split(" ")[1]), new String(body, StandardCharsets.UTF_8),
                    h.wantsClose());
        }

        /** True when the server closed the connection (end of stream or reset). */
        boolean closedByServer() {
            try {
                return in.read() < 0;
            } catch (IOException e) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    record Reply(int status, String body, boolean close) {
    }

    /** Opens test:///default; the session id. */
    String openSession(Raw r) throws IOException {
        Reply rep = r.post("/v1/open", "{\"uri\":\"test:///default\"}");
        if (rep.status() != 200) {
            throw new IOException("open failed: " + rep);
        }
        return org.virtlayer.remote.protocol.WireJson.read(rep.body().getBytes(StandardCharsets.UTF_8),
                org.virtlayer.remote.protocol.SessionInfo.class).session();
    }

    @Override
    public void close() {
        server.close();
        factory.deactivate();
    }
}
