package org.virtlayer.driver.remote.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.remote.protocol.tls.Pem;
import org.virtlayer.remote.protocol.tls.Tls13;
import org.virtlayer.remote.server.ClientBundle;
import org.virtlayer.remote.server.Role;
import org.virtlayer.remote.server.internal.RemoteServer;
import org.virtlayer.remote.server.internal.ServerSettings;

/**
 * Who is refused before any call: a client without a certificate, with a certificate the node does not trust, one
 * speaking TLS 1.2, one speaking plain HTTP, and one whose trust was revoked. The same raw client with a trusted
 * certificate gets an answer, so each refusal is the node's doing, not the test's.
 */
class TlsRefusalTest {
    @TempDir
    static Path dir;
    static RemoteNode node;

    @BeforeAll
    static void serve() throws Exception {
        node = new RemoteNode(dir);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static X509Certificate ca() throws Exception {
        return Pem.certificates(node.server.caCertificatePem()).get(0);
    }

    private static SSLContext context(String protocol, ClientBundle client) throws Exception {
        SSLContext ctx = SSLContext.getInstance(protocol);
        ctx.init(client == null ? null : Tls13.keyManagers(Pem.privateKey(client.privateKeyPem()),
                Pem.certificates(client.certificatePem()).toArray(new X509Certificate[0])),
                Tls13.trustManagers(List.of(ca())), null);
        return ctx;
    }

    /** GET /v1 over TLS with this context and protocol; the status line, or an exception if refused. */
    private static String get(SSLContext ctx, String protocol) throws IOException {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", node.port())) {
            s.setSoTimeout(5000);
            s.setEnabledProtocols(new String[] {protocol});
            s.startHandshake();
            return request(s.getOutputStream(), s.getInputStream());
        }
    }

    private static String request(OutputStream out, InputStream in) throws IOException {
        out.write("GET /v1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] head = in.readNBytes(12);
        if (head.length == 0) {
            throw new IOException("closed without an answer");
        }
        return new String(head, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aTrustedClientOnTls13IsAnswered() throws Exception {
        ClientBundle admin = node.issue("raw-admin", Role.ADMIN);
        assertThat(get(context("TLSv1.3", admin), "TLSv1.3")).isEqualTo("HTTP/1.1 200");
    }

    @Test
    void aClientWithoutCertificateIsRefused() {
        assertThatThrownBy(() -> get(context("TLSv1.3", null), "TLSv1.3")).isInstanceOf(IOException.class);
    }

    @Test
    void aCertificateTheNodeDoesNotTrustIsRefused() throws Exception {
        // a real certificate from another node's CA, which this node never trusted
        try (RemoteServer other = RemoteServer.start(node.nodeFactory, ServerSettings.defaults(0,
                dir.resolve("other-node")))) {
            ClientBundle stranger = other.issueClientCertificate("stranger", Role.ADMIN);
            assertThatThrownBy(() -> get(context("TLSv1.3", stranger), "TLSv1.3")).isInstanceOf(IOException.class);
            // and through the remote driver, the caller learns it clearly
            Path pki = dir.resolve("stranger");
            new ClientBundle("stranger", Role.ADMIN, stranger.fingerprint(), node.server.caCertificatePem(),
                    stranger.certificatePem(), stranger.privateKeyPem()).writeTo(pki);
            assertThatThrownBy(() -> node.clientFactory.open(node.uri(pki)))
                    .isInstanceOfSatisfying(VirtException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.OPEN_FAILED);
                        assertThat(e.getMessage()).contains("127.0.0.1:" + node.port());
                    });
        }
    }

    @Test
    void tls12IsRefusedEvenWithATrustedCertificate() throws Exception {
        ClientBundle admin = node.issue("raw-tls12", Role.ADMIN);
        assertThatThrownBy(() -> get(context("TLSv1.2", admin), "TLSv1.2")).isInstanceOf(IOException.class);
    }

    @Test
    void plainHttpIsRefused() throws Exception {
        try (Socket s = new Socket("127.0.0.1", node.port())) {
            s.setSoTimeout(5000);
            String answer;
            try {
                answer = request(s.getOutputStream(), s.getInputStream());
            } catch (IOException e) {
                answer = "refused: " + e.getMessage();
            }
            assertThat(answer).doesNotStartWith("HTTP/");
        }
    }

    @Test
    void aRevokedClientIsRefusedFromThenOn() throws Exception {
        ClientBundle gone = node.issue("soon-revoked", Role.ADMIN);
        SSLContext ctx = context("TLSv1.3", gone);
        assertThat(get(ctx, "TLSv1.3")).isEqualTo("HTTP/1.1 200");
        assertThat(node.server.revoke("soon-revoked")).isTrue();
        assertThat(node.server.trustedClients()).extracting(t -> t.name()).doesNotContain("soon-revoked");
        // a fresh context, which must do a full handshake
        assertThatThrownBy(() -> get(context("TLSv1.3", gone), "TLSv1.3")).isInstanceOf(IOException.class);
        // and the old context, which may resume its TLS session without showing its certificate again: the node
        // checks the trust list on every connection, not only in full handshakes
        assertThatThrownBy(() -> get(ctx, "TLSv1.3")).isInstanceOf(IOException.class);
    }

    @Test
    void aClientMayBringItsOwnCertificate() throws Exception {
        // a certificate made elsewhere (here: another node's CA), trusted by fingerprint with a role
        try (RemoteServer other = RemoteServer.start(node.nodeFactory, ServerSettings.defaults(0,
                dir.resolve("third-node")))) {
            ClientBundle own = other.issueClientCertificate("own", Role.ADMIN);
            node.server.trustClientCertificate(own.certificatePem(), "brought-own", Role.READ_ONLY);
            assertThat(get(context("TLSv1.3", own), "TLSv1.3")).isEqualTo("HTTP/1.1 200");
        }
    }
}
