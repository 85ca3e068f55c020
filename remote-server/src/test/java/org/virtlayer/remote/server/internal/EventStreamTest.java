package org.virtlayer.remote.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.remote.protocol.WireEvent;
import org.virtlayer.remote.protocol.WireJson;
import org.virtlayer.remote.protocol.http.HttpHead;

/**
 * The event stream over the wire: events that happened while no reader was attached are replayed from the session's
 * journal, a reader that reconnects with the last number it saw misses nothing, and a quiet stream sends heartbeats.
 */
class EventStreamTest {
    @TempDir
    Path dir;

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("stream ended");
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    private static WireEvent event(InputStream in) throws IOException {
        return WireJson.read(line(in).getBytes(StandardCharsets.UTF_8), WireEvent.class);
    }

    private static InputStream stream(ServedNode.Raw c, String session, long after) throws IOException {
        c.send("GET /v1/sessions/" + session + "/events?after=" + after + " HTTP/1.1\r\nHost: x\r\n\r\n", null);
        HttpHead h = HttpHead.read(c.in);
        assertThat(h.startLine()).startsWith("HTTP/1.1 200");
        assertThat(h.header("content-type")).isEqualTo("application/x-ndjson");
        return h.body(c.in, -1);
    }

    @Test
    void eventsAreReplayedToAReaderThatComesBackAndHeartbeatsFillTheQuiet() throws Exception {
        ServerSettings s = ServerSettings.defaults(0, dir.resolve("pki")).withEvents(64, 1);
        try (ServedNode node = new ServedNode(dir, s); ServedNode.Raw calls = node.connect()) {
            String session = node.openSession(calls);
            String dom = "{\"domain\":{\"name\":\"test\",\"uuid\":\"6695eb01-f6a4-8304-79aa-97f2502e193f\"}}";
            assertThat(calls.post("/v1/sessions/" + session + "/domain.suspend", dom).status()).isEqualTo(200);
            try (ServedNode.Raw reader = node.connect()) {
                InputStream in = stream(reader, session, 0);
                WireEvent first = event(in);
                assertThat(first.seq()).isEqualTo(1);
                assertThat(first.detail().name()).isEqualTo("SUSPENDED_PAUSED");
                assertThat(first.domain().name()).isEqualTo("test");
                WireEvent quiet = event(in);
                assertThat(quiet.heartbeat()).isTrue();
                assertThat(quiet.seq()).isEqualTo(1);
            }
            // the reader is gone (its connection dropped); meanwhile the node goes on
            assertThat(calls.post("/v1/sessions/" + session + "/domain.resume", dom).status()).isEqualTo(200);
            assertThat(calls.post("/v1/sessions/" + session + "/domain.destroy", dom).status()).isEqualTo(200);
            try (ServedNode.Raw reader = node.connect()) {
                InputStream in = stream(reader, session, 1);
                assertThat(event(in).detail().name()).isEqualTo("RESUMED_UNPAUSED");
                WireEvent third = event(in);
                assertThat(third.detail().name()).isEqualTo("STOPPED_DESTROYED");
                assertThat(third.seq()).isEqualTo(3);
            }
        }
    }

    @Test
    void anotherClientCannotReadOrUseTheSession() throws Exception {
        try (ServedNode node = new ServedNode(dir); ServedNode.Raw calls = node.connect()) {
            String session = node.openSession(calls);
            // a second client, trusted too, names the first one's session
            var other = node.server.issueClientCertificate("other", org.virtlayer.remote.server.Role.ADMIN);
            var tls = org.virtlayer.remote.protocol.tls.Tls13.context(
                    org.virtlayer.remote.protocol.tls.Tls13.keyManagers(
                            org.virtlayer.remote.protocol.tls.Pem.privateKey(other.privateKeyPem()),
                            org.virtlayer.remote.protocol.tls.Pem.certificates(other.certificatePem())
                                    .toArray(new java.security.cert.X509Certificate[0])),
                    org.virtlayer.remote.protocol.tls.Tls13.trustManagers(java.util.List.of(
                            node.server.caCertificate())));
            var sock = (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", node.server.port());
            try (ServedNode.Raw c = new ServedNode.Raw(sock)) {
                ServedNode.Reply r = c.post("/v1/sessions/" + session + "/domain.lookupByName",
                        "{\"name\":\"test\"}");
                assertThat(r.status()).isEqualTo(404);
                assertThat(r.body()).contains("INVALID_CONN").contains("no such session");
            }
        }
    }
}
