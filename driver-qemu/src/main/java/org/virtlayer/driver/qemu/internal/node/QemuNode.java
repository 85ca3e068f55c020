package org.virtlayer.driver.qemu.internal.node;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.driver.qemu.internal.caps.CapsCache;
import org.virtlayer.driver.qemu.internal.qmp.MonitorLoop;
import org.virtlayer.linux.CgroupLayout;
import org.virtlayer.linux.ProcessWatcher;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.StateStore;
import org.virtlayer.spi.kit.DriverNode;

/**
 * One QEMU node ({@code qemu:///system}, or one user's {@code qemu:///session}): its domains, shared by every
 * connection to the URI, whose event sinks all hear every event. The node owns the registry (names, UUIDs, IDs) and
 * one event thread on which QMP events and process exits are handled in order; the operations live in their own
 * classes ({@link DomainLifecycle}, {@link QmpEvents}, {@link Reattach}, {@link DomainStats}, {@link LiveChanges},
 * {@link SaveImage}).
 */
public final class QemuNode extends DriverNode<QemuDomain> implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(QemuNode.class.getName());

    final String uri;
    final boolean system;
    final DomainStore store;
    final CapsCache caps;
    final ProcessWatcher watcher;
    final MonitorLoop loop;
    final NodeConfig config;
    /**
     * The node's own context ({@code DriverContext} service {@code virtlayer.context=node}): volumes and network ports
     * are the node's, resolved and released through it whoever starts or stops a domain, connection or not.
     */
    final DriverContext nodeContext;
    /** The host's cgroups when this node may write them (system nodes), else null. */
    final CgroupLayout cgroups;
    /** QMP events and exits of every domain, handled one at a time in arrival order. */
    final ExecutorService events;

    final Definitions definitions;
    final DomainLifecycle lifecycle;
    final QmpEvents qmpEvents;
    final DomainStats stats;
    final LiveChanges live;
    final SaveImage saves;

    /** How a node runs its domains. */
    public record NodeConfig(long destroyGraceMillis, String cgroupRoot, long monitorTimeoutMillis) {
        public static final NodeConfig DEFAULT = new NodeConfig(10_000, "virtlayer", 30_000);
    }

    public QemuNode(String uri, boolean system, StateStore store, CapsCache caps, ProcessWatcher watcher,
            MonitorLoop loop, NodeConfig config, DriverContext nodeContext) {
        this.uri = uri;
        this.nodeContext = nodeContext;
        this.system = system;
        this.store = new DomainStore(store);
        this.caps = caps;
        this.watcher = watcher;
        this.loop = loop;
        this.config = config;
        CgroupLayout layout = system ? CgroupLayout.detect() : null;
        this.cgroups = layout != null && layout.writable() ? layout : null;
        String thread = "virtlayer-qemu-events-" + (system ? "system" : "session");
        this.events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, thread);
            t.setDaemon(true);
            return t;
        });
        this.definitions = new Definitions(this);
        this.lifecycle = new DomainLifecycle(this);
        this.qmpEvents = new QmpEvents(this);
        this.stats = new DomainStats(this);
        this.live = new LiveChanges(this);
        this.saves = new SaveImage(this);
    }

    /**
     * Loads the persistent definitions and finds every QEMU still running from an earlier driver (bundle restart,
     * JVM killed): none is killed, none is lost.
     */
    public void load() {
        definitions.loadAll();
        new Reattach(this).all();
    }

    @Override
    protected boolean markedAutostart(QemuDomain d) {
        synchronized (d) {
            return d.autostart;
        }
    }

    /**
     * Starts it in its job's turn, unless it was unmarked or started meanwhile: with no connection,
     * its volumes and networks reached through the node's own context.
     */
    @Override
    protected void autostartOne(QemuDomain d) {
        lifecycle.job(d, () -> {
            synchronized (d) {
                if (!d.autostart || d.isActive() || Thread.currentThread().isInterrupted()) {
                    return null;
                }
            }
            return lifecycle.start(d, null, false, null, null);
        });
    }

    /** Runs on the event thread and waits: everything received before is handled when this returns. */
    void barrier() {
        try {
            events.submit(() -> { }).get(config.monitorTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: event thread of " + uri
                    + " did not answer: " + e);
        }
    }

    /**
     * Lets go of every QEMU without stopping it (the driver is stopping: a bundle refresh, update, or the JVM
     * leaving): monitors closed, exits no longer watched. The next driver finds them again ({@link Reattach}).
     */
    @Override
    public void close() {
        for (QemuDomain d : domains()) {
            Running r;
            synchronized (d) {
                r = d.run;
            }
            if (r != null) {
                if (r.watch != null) {
                    r.watch.cancel();
                }
                if (r.monitor != null) {
                    r.monitor.close();
                }
                r.pidfd.close();
            }
        }
        removeSinks();
        events.shutdown();
        try {
            // what is queued (an exit being handled, a status write) finishes before the driver is gone
            events.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
