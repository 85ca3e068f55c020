package org.virtlayer.remote.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounds a hostile or careless client meets: body size, JSON shape, connections, calls in flight, idleness. */
class LimitsTest {
    @TempDir
    Path dir;

    private ServerSettings settings() {
        // small bounds so the test reaches them quickly: 64 KiB bodies, 4 connections, 2 calls, 2 s idle
        return ServerSettings.defaults(0, dir.resolve("pki")).withLimits(64 * 1024, 4, 2, 2);
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        try (ServedNode node = new ServedNode(dir, settings()); ServedNode.Raw c = node.connect()) {
            // the head announces 1 GiB; the server answers 413 at once and closes, never reading or allocating it
            c.send("POST /v1/open HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\n\r\n", null);
            ServedNode.Reply r = c.read();
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.body()).contains("\"code\":\"RPC\"").contains("over the limit");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void aChunkedBodyGrowingPastTheLimitIsCut() throws Exception {
        try (ServedNode node = new ServedNode(dir, settings()); ServedNode.Raw c = node.connect()) {
            c.send("POST /v1/open HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", null);
            byte[] chunk = ("8000\r\n" + "a".repeat(0x8000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 2; i++) {
                c.out.write(chunk);
            }
            c.out.write("8000\r\n".getBytes(StandardCharsets.US_ASCII));
            c.out.flush();
            ServedNode.Reply r = c.read();
            assertThat(r.status()).isEqualTo(413);
        }
    }

    @Test
    void malformedJsonGetsAClearErrorAndTheConnectionStaysUsable() throws Exception {
        try (ServedNode node = new ServedNode(dir, settings()); ServedNode.Raw c = node.connect()) {
            ServedNode.Reply bad = c.post("/v1/open", "{\"uri\": tru");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).contains("\"code\":\"RPC\"").contains("malformed JSON request");
            ServedNode.Reply deep = c.post("/v1/open", "[".repeat(1000) + "]".repeat(1000));
            assertThat(deep.status()).isEqualTo(400);
            assertThat(deep.body()).contains("malformed JSON request").contains("nesting depth");
            ServedNode.Reply wrongType = c.post("/v1/open", "{\"uri\": 5}");
            assertThat(wrongType.body()).contains("\"code\":\"INVALID_ARG\"").contains("'uri' must be a string");
            String session = node.openSession(c);
            ServedNode.Reply unknown = c.post("/v1/sessions/" + session + "/domain.explode", "{}");
            assertThat(unknown.body()).contains("no such call");
            ServedNode.Reply ok = c.post("/v1/sessions/" + session + "/domain.lookupByName", "{\"name\":\"test\"}");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.body()).contains("\"name\":\"test\"");
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnce() throws Exception {
        try (ServedNode node = new ServedNode(dir, settings())) {
            List<ServedNode.Raw> open = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    ServedNode.Raw c = node.connect();
                    assertThat(c.get("/v1").status()).isEqualTo(200);
                    open.add(c);
                }
                boolean refused;
                try (ServedNode.Raw fifth = node.connect()) {
                    refused = fifth.get("/v1") == null;
                } catch (java.io.IOException e) {
                    refused = true;
                }
                assertThat(refused).as("the fifth connection is closed unanswered").isTrue();
                assertThat(node.server.refusedConnections()).isPositive();
            } finally {
                for (ServedNode.Raw c : open) {
                    c.close();
                }
            }
        }
    }

    @Test
    void callsInFlightPerClientAreBounded() {
        ClientIdentity c = new ClientIdentity("fp", "busy", org.virtlayer.remote.server.Role.ADMIN);
        ClientLimits limits = new ClientLimits(settings());
        limits.callStarted(c);
        limits.callStarted(c);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> limits.callStarted(c))
                .isInstanceOfSatisfying(org.virtlayer.api.VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(org.virtlayer.api.ErrorCode.RESOURCE_BUSY);
                    assertThat(e.getMessage()).contains("busy").contains("2 calls running");
                });
        limits.callDone(c);
        limits.callStarted(c);
        // another client has its own allowance
        limits.callStarted(new ClientIdentity("fp2", "other", org.virtlayer.remote.server.Role.ADMIN));
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        try (ServedNode node = new ServedNode(dir, settings()); ServedNode.Raw c = node.connect()) {
            assertThat(c.get("/v1").status()).isEqualTo(200);
            long t0 = System.nanoTime();
            c.socket.setSoTimeout(10_000);
            assertThat(c.closedByServer()).isTrue();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as("closed after the 2 s idle timeout").isBetween(1500L, 6000L);
        }
    }

    @Test
    void aTricklingHeadCannotHoldAThread() throws Exception {
        try (ServedNode node = new ServedNode(dir, settings()); ServedNode.Raw c = node.connect()) {
            long t0 = System.nanoTime();
            boolean cut = false;
            // one byte every 400 ms: each read is within the idle timeout, the whole head is not
            for (int i = 0; i < 30 && !cut; i++) {
                try {
                    c.out.write('G');
                    c.out.flush();
                    Thread.sleep(400);
                } catch (java.io.IOException e) {
                    cut = true;
                }
            }
            cut = cut || c.closedByServer();
            assertThat(cut).isTrue();
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(8000L);
        }
    }
}
