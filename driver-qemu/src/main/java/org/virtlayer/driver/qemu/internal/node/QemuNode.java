package org.virtlayer.driver.qemu.internal.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.driver.qemu.internal.caps.CapsCache;
import org.virtlayer.driver.qemu.internal.qmp.MonitorLoop;
import org.virtlayer.linux.CgroupLayout;
import org.virtlayer.linux.ProcessWatcher;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.EventSink;
import org.virtlayer.spi.StateStore;

/**
 * One QEMU node ({@code qemu:///system}, or one user's {@code qemu:///session}): its domains, shared by every
 * connection to the URI, whose event sinks all hear every event. The node owns the registry (names, UUIDs, IDs) and
 * one event thread on which QMP events and process exits are handled in order; the operations live in their own
 * classes ({@link DomainLifecycle}, {@link QmpEvents}, {@link Reattach}, {@link DomainStats}, {@link LiveChanges},
 * {@link SaveImage}).
 */
public final class QemuNode implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(QemuNode.class.getName());
    /** How long autostart waits for the network and storage backends a domain needs (0.5 + 1 + ... + 16 s). */
    static final long BACKEND_WAIT_MS = 31_500;

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
    private final Set<EventSink> sinks = new CopyOnWriteArraySet<>();

    private final Map<UUID, QemuDomain> byUuid = new LinkedHashMap<>();
    private final Map<String, QemuDomain> byName = new HashMap<>();
    private final Map<Integer, QemuDomain> byId = new HashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);

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

    /**
     * Starts the domains marked autostart that are not running, with no connection: their volumes and networks are
     * reached through the node's own context. The network and storage backends are bundles of their own and may
     * come up after this driver (bundles start in no fixed order): a domain that finds its backend missing
     * (DRIVER_UNAVAILABLE) is tried again, after 0.5 s, then twice as long each time, for {@link #BACKEND_WAIT_MS} in
     * all. Any other failure is logged, as libvirt logs a failed autostart. Interrupted when the driver stops.
     */
    public void autostart() {
        List<QemuDomain> waiting = new ArrayList<>();
        for (QemuDomain d : domains()) {
            autostart(d, waiting);
        }
        long waited = 0;
        for (long pause = 500; !waiting.isEmpty() && waited < BACKEND_WAIT_MS; pause *= 2) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return;
            }
            waited += pause;
            List<QemuDomain> again = waiting;
            waiting = new ArrayList<>();
            for (QemuDomain d : again) {
                autostart(d, waiting);
            }
        }
        for (QemuDomain d : waiting) {
            LOG.log(System.Logger.Level.WARNING, "autostart of domain '" + d.name() + "' gave up: a backend it needs"
                    + " was not installed within " + BACKEND_WAIT_MS / 1000 + " s");
        }
    }

    /** Starts one domain if it is to autostart, in its job's turn; one whose backend is missing joins waiting. */
    private void autostart(QemuDomain d, List<QemuDomain> waiting) {
        synchronized (d) {
            if (!d.autostart) {
                // not to be started: no need to wait for its job (and no warning if the driver stops meanwhile)
                return;
            }
        }
        try {
            lifecycle.job(d, () -> {
                synchronized (d) {
                    if (!d.autostart || d.isActive() || Thread.currentThread().isInterrupted()) {
                        return null;
                    }
                }
                return lifecycle.start(d, null, false, null, null);
            });
        } catch (VirtException e) {
            if (e.code() == ErrorCode.DRIVER_UNAVAILABLE) {
                waiting.add(d);
            } else {
                LOG.log(System.Logger.Level.WARNING, "autostart of domain '" + d.name() + "' failed: "
                        + e.getMessage());
            }
        }
    }

    // ---- connections' event sinks

    public void addSink(EventSink sink) {
        sinks.add(sink);
    }

    public void removeSink(EventSink sink) {
        sinks.remove(sink);
    }

    void emit(DomainRef ref, DomainEventDetail detail) {
        for (EventSink s : sinks) {
            s.domainEvent(ref, detail);
        }
    }

    // ---- the registry

    synchronized List<QemuDomain> domains() {
        return new ArrayList<>(byUuid.values());
    }

    synchronized QemuDomain byName(String name) {
        QemuDomain d = byName.get(name);
        if (d == null) {
            throw VirtException.noDomain("no domain with matching name '" + name + "'");
        }
        return d;
    }

    synchronized QemuDomain byUuid(UUID uuid) {
        QemuDomain d = byUuid.get(uuid);
        if (d == null) {
            throw VirtException.noDomain("no domain with matching uuid '" + uuid + "'");
        }
        return d;
    }

    synchronized QemuDomain byId(int id) {
        QemuDomain d = byId.get(id);
        if (d == null) {
            throw VirtException.noDomain("no domain with matching id " + id);
        }
        return d;
    }

    /** The domain a reference names. */
    QemuDomain find(DomainRef ref) {
        synchronized (this) {
            QemuDomain d = byUuid.get(ref.uuid());
            if (d == null) {
                throw VirtException.noDomain("no domain with matching uuid '" + ref.uuid() + "' (" + ref.name()
                        + ")");
            }
            return d;
        }
    }

    synchronized QemuDomain lookup(UUID uuid) {
        return byUuid.get(uuid);
    }

    synchronized QemuDomain lookupName(String name) {
        return byName.get(name);
    }

    synchronized void add(QemuDomain d) {
        byUuid.put(d.uuid, d);
        byName.put(d.name(), d);
        if (d.id >= 0) {
            byId.put(d.id, d);
        }
    }

    synchronized void remove(QemuDomain d) {
        byUuid.remove(d.uuid);
        byName.remove(d.name());
        if (d.id >= 0) {
            byId.remove(d.id);
        }
    }

    /** Gives a starting domain the next ID. */
    synchronized int assignId(QemuDomain d) {
        int id = nextId.getAndIncrement();
        synchronized (d) {
            d.id = id;
        }
        byId.put(id, d);
        return id;
    }

    /** A domain found running again keeps its ID; later ones are numbered after it. */
    synchronized void adoptId(QemuDomain d, int id) {
        synchronized (d) {
            d.id = id;
        }
        byId.put(id, d);
        nextId.accumulateAndGet(id + 1, Math::max);
    }

    synchronized void releaseId(QemuDomain d) {
        synchronized (d) {
            if (d.id >= 0) {
                byId.remove(d.id);
            }
            d.id = -1;
        }
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
        sinks.clear();
        events.shutdown();
        try {
            // what is queued (an exit being handled, a status write) finishes before the driver is gone
            events.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
