package org.virtlayer.driver.qemu.internal.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.spi.kit.Json;

/** The QMP client against a scripted peer: replies matched by id, events in order, errors, and the end. */
class QmpMonitorTest {
    @Test
    void repliesEventsErrorsAndClose(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("q.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                MonitorLoop loop = new MonitorLoop("test-qmp")) {
            server.bind(UnixDomainSocketAddress.of(sock));
            List<QmpEvent> events = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> closed = new CompletableFuture<>();
            QmpMonitor mon = QmpMonitor.connect(sock, loop, new QmpMonitor.Listener() {
                @Override
                public void onEvent(QmpEvent event) {
                    events.add(event);
                }

                @Override
                public void onClose() {
                    closed.complete(null);
                }
            }, "test");
            SocketChannel peer = server.accept();
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(peer),
                    StandardCharsets.UTF_8));
            OutputStream out = Channels.newOutputStream(peer);
            out.write("{\"QMP\": {\"version\": {\"qemu\": {\"major\": 7}}, \"capabilities\": []}}\r\n"
                    .getBytes(StandardCharsets.UTF_8));
            CompletableFuture<Map<String, Object>> greeting = CompletableFuture.supplyAsync(() -> mon.handshake(5000));
            Map<String, Object> caps = Json.parseObject(in.readLine());
            assertThat(caps).containsEntry("execute", "qmp_capabilities");
            out.write(("{\"return\": {}, \"id\": " + caps.get("id") + "}\n").getBytes(StandardCharsets.UTF_8));
            assertThat(greeting.get(5, TimeUnit.SECONDS)).containsKey("QMP");

            CompletableFuture<Object> a = mon.send("query-status", null);
            CompletableFuture<Object> b = mon.send("stop", Json.obj("x", "a,b \"quoted\""));
            Map<String, Object> qa = Json.parseObject(in.readLine());
            Map<String, Object> qb = Json.parseObject(in.readLine());
            assertThat(Json.asObject(qb.get("arguments"))).containsEntry("x", "a,b \"quoted\"");
            // replies out of order, an event in between, one message split across writes
            String event = "{\"timestamp\": {\"seconds\": 2, \"microseconds\": 5}, \"event\": \"STOP\"}\r\n";
            String replyB = "{\"error\": {\"class\": \"GenericError\", \"desc\": \"nope\"}, \"id\": " + qb.get("id") + "}\n";
            String replyA = "{\"return\": {\"status\": \"running\", \"running\": true}, \"id\": " + qa.get("id") + "}\n";
            byte[] all = (event + replyB + replyA).getBytes(StandardCharsets.UTF_8);
            out.write(all, 0, 30);
            out.flush();
            Thread.sleep(20);
            out.write(all, 30, all.length - 30);
            assertThat(Json.asObject(a.get(5, TimeUnit.SECONDS))).containsEntry("status", "running");
            assertThatThrownBy(() -> b.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(QmpError.class)
                    .hasMessageContaining("nope");
            assertThat(events).hasSize(1);
            assertThat(events.get(0).name()).isEqualTo("STOP");
            assertThat(events.get(0).timestampMicros()).isEqualTo(2_000_005L);

            CompletableFuture<Object> pending = mon.send("cont", null);
            peer.close();
            closed.get(5, TimeUnit.SECONDS);
            assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(QmpError.class);
            assertThatThrownBy(() -> mon.call("cont", null, 1000)).isInstanceOfSatisfying(QmpError.class,
                    e -> assertThat(e.errorClass()).isEqualTo(QmpError.CLOSED));
        }
    }

    @Test
    void closingTheLoopFailsTheCallsWaitingOnItsMonitors(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("q.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            MonitorLoop loop = new MonitorLoop("test-qmp");
            QmpMonitor mon = QmpMonitor.connect(sock, loop, new QmpMonitor.Listener() {
                @Override
                public void onEvent(QmpEvent event) {
                }

                @Override
                public void onClose() {
                }
            }, "silent");
            SocketChannel peer = server.accept();
            // a peer that greets, then never answers: the driver stops while a caller waits for it
            Channels.newOutputStream(peer).write("{\"QMP\": {\"capabilities\": []}}\n"
                    .getBytes(StandardCharsets.UTF_8));
            CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() -> mon.handshake(600_000));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(peer),
                    StandardCharsets.UTF_8));
            assertThat(in.readLine()).contains("qmp_capabilities");
            loop.close();
            // (within the test's patience, far below the caller's own ten minutes)
            assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(QmpError.class)
                    .hasMessageContaining("the monitor of silent closed");
            // and a monitor connected to a closed loop is refused at once
            assertThatThrownBy(() -> QmpMonitor.connect(sock, loop, null, "late")).isInstanceOf(QmpError.class);
            peer.close();
        }
    }
}
