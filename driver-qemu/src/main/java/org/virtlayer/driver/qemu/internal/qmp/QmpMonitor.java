package org.virtlayer.driver.qemu.internal.qmp;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.virtlayer.spi.kit.Json;

/**
 * One QMP connection to one QEMU over its UNIX socket. Commands carry an {@code id} and complete their futures when
 * the reply with that id arrives; events go to the {@link Listener}. Reading happens on the {@link MonitorLoop}'s
 * thread; commands may be sent from any thread.
 */
public final class QmpMonitor implements AutoCloseable {
    /** What a monitor reports, on the loop's thread. */
    public interface Listener {
        void onEvent(QmpEvent event);

        /** The connection closed: QEMU exited, or {@link #close()} was called. */
        void onClose();
    }

    private final SocketChannel channel;
    private final Listener listener;
    private final String name;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(8192);
    private byte[] line = new byte[1024];
    private int lineLength;
    private final Map<Long, CompletableFuture<Object>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Map<String, Object>> greeting = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong();
    private final Object writeLock = new Object();
    private volatile boolean closed;

    private QmpMonitor(SocketChannel channel, Listener listener, String name) {
        this.channel = channel;
        this.listener = listener;
        this.name = name;
    }

    /**
     * Connects to a QEMU's monitor socket; QEMU's greeting and replies are then read on the loop's thread.
     *
     * @param name how errors name this monitor, e.g. the domain's name
     */
    public static QmpMonitor connect(Path socket, MonitorLoop loop, Listener listener, String name)
            throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        QmpMonitor m = new QmpMonitor(ch, listener, name);
        loop.register(m);
        return m;
    }

    SocketChannel channel() {
        return channel;
    }

    /** Waits for QEMU's greeting and enters command mode ({@code qmp_capabilities}); returns the greeting. */
    public Map<String, Object> handshake(long timeoutMillis) {
        Map<String, Object> g = await(greeting, "greeting", timeoutMillis);
        call("qmp_capabilities", null, timeoutMillis);
        return g;
    }

    /** Sends a command; the future completes with its {@code return} value or a {@link QmpError}. */
    public CompletableFuture<Object> send(String command, Map<String, Object> arguments) {
        CompletableFuture<Object> f = new CompletableFuture<>();
        if (closed) {
            f.completeExceptionally(closedError());
            return f;
        }
        long id = ids.incrementAndGet();
        pending.put(id, f);
        Map<String, Object> msg = Json.obj("execute", command, "arguments", arguments, "id", id);
        byte[] bytes = (Json.write(msg) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            synchronized (writeLock) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    if (channel.write(b) == 0) {
                        Thread.onSpinWait();
                    }
                }
            }
        } catch (IOException e) {
            pending.remove(id);
            f.completeExceptionally(new QmpError(QmpError.CLOSED, "cannot write to the monitor of " + name + ": "
                    + e.getMessage()));
        }
        if (closed && pending.remove(id) != null) {
            f.completeExceptionally(closedError());
        }
        return f;
    }

    /** Sends a command and waits for its reply. */
    public Object call(String command, Map<String, Object> arguments, long timeoutMillis) {
        return await(send(command, arguments), command, timeoutMillis);
    }

    private <T> T await(CompletableFuture<T> f, String what, long timeoutMillis) {
        try {
            return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof QmpError q) {
                throw new QmpError(q.errorClass(), q.getMessage());
            }
            throw new QmpError("InternalError", String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            throw new QmpError(QmpError.TIMEOUT, "no answer to " + what + " from the monitor of " + name + " within "
                    + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QmpError("Interrupted", "interrupted waiting for " + what + " from " + name);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Reads what arrived; false once the connection is closed. Called on the loop's thread. */
    boolean readable() {
        int n;
        try {
            readBuffer.clear();
            n = channel.read(readBuffer);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            closed();
            return false;
        }
        byte[] a = readBuffer.array();
        for (int k = 0; k < n; k++) {
            byte b = a[k];
            if (b == '\n') {
                String text = new String(line, 0, lineLength, StandardCharsets.UTF_8).strip();
                lineLength = 0;
                if (!text.isEmpty()) {
                    dispatch(text);
                }
            } else {
                if (lineLength == line.length) {
                    line = Arrays.copyOf(line, line.length * 2);
                }
                line[lineLength++] = b;
            }
        }
        if (line.length > 65536 && lineLength < 1024) {
            line = new byte[1024];
        }
        return true;
    }

    private void dispatch(String text) {
        Map<String, Object> msg;
        try {
            msg = Json.parseObject(text);
        } catch (IllegalArgumentException e) {
            System.getLogger(QmpMonitor.class.getName()).log(System.Logger.Level.WARNING,
                    "unparsable message from the monitor of " + name + ": " + e.getMessage());
            return;
        }
        if (msg.containsKey("return") || msg.containsKey("error")) {
            CompletableFuture<Object> f = pending.remove(Json.number(msg, "id", -1));
            if (f == null) {
                return;
            }
            if (msg.containsKey("return")) {
                f.complete(msg.get("return"));
            } else {
                Map<String, Object> err = Json.asObject(msg.get("error"));
                f.completeExceptionally(new QmpError(Json.string(err, "class"), Json.string(err, "desc")));
            }
        } else if (msg.containsKey("event")) {
            Map<String, Object> ts = Json.asObject(msg.get("timestamp"));
            listener.onEvent(new QmpEvent(Json.string(msg, "event"), Json.asObject(msg.get("data")),
                    Json.number(ts, "seconds", 0) * 1_000_000 + Json.number(ts, "microseconds", 0)));
        } else if (msg.containsKey("QMP")) {
            greeting.complete(msg);
        }
    }

    /** The connection is gone: every waiting command fails, the listener hears of it once. */
    void closed() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
        greeting.completeExceptionally(closedError());
        for (Long id : pending.keySet()) {
            CompletableFuture<Object> f = pending.remove(id);
            if (f != null) {
                f.completeExceptionally(closedError());
            }
        }
        listener.onClose();
    }

    private QmpError closedError() {
        return new QmpError(QmpError.CLOSED, "the monitor of " + name + " closed (QEMU exited?)");
    }

    /** Closes the connection; QEMU keeps running and accepts a new monitor connection later. */
    @Override
    public void close() {
        closed();
    }
}
