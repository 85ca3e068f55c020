package org.virtlayer.driver.qemu.internal.qmp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One thread reading every QMP monitor of the driver: a selector over their sockets, so that a hundred running
 * domains cost one thread, not a hundred. Replies complete their callers' futures; events go to each monitor's
 * listener on this thread (listeners hand real work elsewhere).
 */
public final class MonitorLoop implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MonitorLoop.class.getName());

    private final Selector selector;
    private final Queue<QmpMonitor> toRegister = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    public MonitorLoop(String threadName) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    void register(QmpMonitor m) {
        if (closed) {
            throw new QmpError(QmpError.CLOSED, "monitor loop is closed");
        }
        toRegister.add(m);
        selector.wakeup();
        if (closed) {
            // closed meanwhile: the loop may have gone without seeing it
            failQueued();
        }
    }

    private void run() {
        while (!closed) {
            try {
                selector.select();
                QmpMonitor m;
                while ((m = toRegister.poll()) != null) {
                    try {
                        m.channel().register(selector, SelectionKey.OP_READ, m);
                    } catch (ClosedChannelException e) {
                        m.closed();
                    }
                }
                for (SelectionKey k : selector.selectedKeys()) {
                    QmpMonitor mon = (QmpMonitor) k.attachment();
                    if (!k.isValid() || !mon.readable()) {
                        k.cancel();
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.ERROR, "QMP monitor loop", e);
                }
            }
        }
        // nobody reads these monitors any more: their waiting callers fail now, not at their timeouts
        for (SelectionKey k : selector.keys()) {
            closeQuietly((QmpMonitor) k.attachment());
        }
        failQueued();
    }

    private void failQueued() {
        QmpMonitor m;
        while ((m = toRegister.poll()) != null) {
            closeQuietly(m);
        }
    }

    private static void closeQuietly(QmpMonitor m) {
        try {
            m.closed();
        } catch (RuntimeException e) {
            // its listener's executor may be gone with the driver: the callers waiting on it have failed already
        }
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
