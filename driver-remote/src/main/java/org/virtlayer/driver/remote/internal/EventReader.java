package org.virtlayer.driver.remote.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.virtlayer.api.event.NetworkEventType;
import org.virtlayer.api.event.StoragePoolEventType;
import org.virtlayer.remote.protocol.SessionInfo;
import org.virtlayer.remote.protocol.WireEvent;
import org.virtlayer.remote.protocol.WireJson;
import org.virtlayer.remote.protocol.WireLimits;
import org.virtlayer.spi.EventSink;

/**
 * Reads the session's event stream on a thread of its own and hands each event to the core's sink (which queues it:
 * this thread never waits for a listener). It remembers the last event number, so that after a reconnect the node
 * replays from there. A stream silent for three heartbeats is taken as dead.
 */
final class EventReader implements Runnable, NodeLink.GapReporter {
    private static final System.Logger LOG = System.getLogger(EventReader.class.getName());

    private final EventSink sink;
    private volatile NodeLink link;
    private volatile long lastSeq;
    private volatile HttpsClient.Streamed current;
    private Thread thread;

    EventReader(EventSink sink) {
        this.sink = sink;
    }

    void start(NodeLink l) {
        this.link = l;
        thread = new Thread(this, "virtlayer-remote-events-" + l.address());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        NodeLink l = link;
        while (!l.isClosed()) {
            try {
                l.awaitUp();
                if (l.isClosed()) {
                    return;
                }
                SessionInfo s = l.session();
                int silence = (s.heartbeatSeconds() * 3 + 5) * 1000;
                try (HttpsClient.Streamed st = l.http().stream("GET", "/v1/sessions/" + s.session() + "/events?after="
                        + lastSeq, silence)) {
                    current = st;
                    if (st.status() != 200) {
                        l.markDown("the event stream was refused (HTTP " + st.status() + ")");
                        continue;
                    }
                    read(st.body(-1), s);
                }
                if (!l.isClosed()) {
                    l.markDown("the event stream ended");
                }
            } catch (IOException e) {
                if (!l.isClosed()) {
                    l.markDown("event stream: " + NodeLink.describe(e));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "event stream from " + l.address() + " failed", e);
                if (!l.isClosed()) {
                    l.markDown("malformed event stream");
                }
            } finally {
                current = null;
            }
            if (!l.isClosed()) {
                try {
                    // whatever ended the stream, do not come back in a tight loop
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void read(InputStream in, SessionInfo s) throws IOException {
        byte[] line;
        while ((line = line(in)) != null) {
            if (line.length == 0) {
                continue;
            }
            WireEvent e = WireJson.read(line, WireEvent.class);
            if (link.session() != s) {
                return;
            }
            deliver(e);
            lastSeq = Math.max(lastSeq, e.seq());
        }
    }

    private void deliver(WireEvent e) {
        if (e.domain() != null && e.detail() != null) {
            sink.domainEvent(e.domain(), e.detail());
        } else if (e.network() != null && e.type() != null) {
            sink.networkEvent(e.network(), NetworkEventType.valueOf(e.type()));
        } else if (e.pool() != null && e.type() != null) {
            sink.storagePoolEvent(e.pool(), StoragePoolEventType.valueOf(e.type()));
        } else if (e.gap() != null) {
            sink.eventsMissed("node " + link.address() + ": " + e.gap());
        }
    }

    /** One line, bounded; null at the end of the stream. */
    private static byte[] line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                return buf.size() == 0 ? null : buf.toByteArray();
            }
            if (buf.size() >= WireLimits.MAX_EVENT_LINE) {
                throw new IOException("event line longer than " + WireLimits.MAX_EVENT_LINE + " bytes");
            }
            buf.write(b);
        }
        return buf.toByteArray();
    }

    @Override
    public void eventsMissed(String reason) {
        sink.eventsMissed(reason);
    }

    @Override
    public void sessionReplaced() {
        lastSeq = 0;
    }

    void stop() {
        HttpsClient.Streamed st = current;
        if (st != null) {
            st.close();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
