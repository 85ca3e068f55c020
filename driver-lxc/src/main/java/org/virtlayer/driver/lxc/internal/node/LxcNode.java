package org.virtlayer.driver.lxc.internal.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.virtlayer.driver.lxc.internal.launch.ContainerLauncher;
import org.virtlayer.driver.lxc.internal.launch.ContainerMounts;
import org.virtlayer.linux.CgroupLayout;
import org.virtlayer.linux.ProcessWatcher;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.EventSink;
import org.virtlayer.spi.StateStore;

/**
 * The LXC node ({@code lxc:///system}, also reached as {@code lxc:///}): its domains, shared by every connection,
 * whose event sinks all hear every event. The node owns the registry (names, UUIDs, IDs) and one event thread on which
 * container ends are handled in order; the operations live in their own classes ({@link ContainerLifecycle},
 * {@link Reattach}, {@link ContainerStats}, {@link Definitions}, {@link HostInterfaces}).
 */
public final class LxcNode implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LxcNode.class.getName());
    /** How long autostart waits for the network backend a container needs (0.5 + 1 + ... + 16 s). */
    static final long BACKEND_WAIT_MS = 31_500;

    final String uri = "lxc:///system";
    final DomainStore store;
    final ProcessWatcher watcher;
    final NodeConfig config;
    /** The host's cgroups when this process may write them, else null (starting a container then fails). */
    final CgroupLayout cgroups;
    /** Container ends, handled one at a time in arrival order. */
    final ExecutorService events;
    private final Set<EventSink> sinks = new CopyOnWriteArraySet<>();

    private final Map<UUID, LxcDomain> byUuid = new LinkedHashMap<>();
    private final Map<String, LxcDomain> byName = new HashMap<>();
    private final Map<Integer, LxcDomain> byId = new HashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);

    final Definitions definitions;
    /**
     * The node's own context ({@code DriverContext} service {@code virtlayer.context=node}): network ports are the
     * node's, asked for and released through it whoever starts or stops a container, connection or not.
     */
    final DriverContext nodeContext;
    final HostInterfaces interfaces;
    final ContainerLauncher launcher;
    final ContainerLifecycle lifecycle;
    final ContainerStats stats;

    /**
     * How the node runs containers.
     *
     * @param cgroupRoot parent cgroup of the containers' cgroups, relative to each hierarchy's root
     * @param busybox the static busybox that runs the setup script and the console keepers
     * @param startTimeoutMillis how long a container's setup may take
     * @param hostNamespace the network namespace ({@code ip netns} name) where the host ends of {@code bridge} and
     *     {@code ethernet} interfaces are made, and where their bridges are; null: the JVM's own (a port of a virtual
     *     network says its own)
     */
    public record NodeConfig(String cgroupRoot, Path busybox, long startTimeoutMillis, String hostNamespace) {
        public static NodeConfig defaults(String cgroupRoot) {
            return new NodeConfig(cgroupRoot, findBusybox(), 30_000, null);
        }

        /** The same, its host ends in a network namespace (null: the JVM's own). */
        public NodeConfig withHostNamespace(String namespace) {
            return new NodeConfig(cgroupRoot, busybox, startTimeoutMillis, namespace);
        }

        /** busybox where Debian's busybox-static puts it. */
        public static Path findBusybox() {
            for (String p : List.of("/usr/bin/busybox", "/bin/busybox", "/usr/sbin/busybox", "/sbin/busybox")) {
                if (Files.isExecutable(Path.of(p))) {
                    return Path.of(p);
                }
            }
            return Path.of("/bin/busybox");
        }
    }

    public LxcNode(StateStore store, ProcessWatcher watcher, NodeConfig config, DriverContext nodeContext) {
        this.nodeContext = nodeContext;
        this.interfaces = new HostInterfaces(nodeContext, config.hostNamespace());
        this.store = new DomainStore(store);
        this.watcher = watcher;
        this.config = config;
        CgroupLayout layout = CgroupLayout.detect();
        this.cgroups = layout.writable() ? layout : null;
        this.events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "virtlayer-lxc-events");
            t.setDaemon(true);
            return t;
        });
        this.definitions = new Definitions(this);
        this.launcher = new ContainerLauncher(new ContainerLauncher.Settings(config.busybox(),
                this.store.skeleton(), config.startTimeoutMillis()));
        this.lifecycle = new ContainerLifecycle(this);
        this.stats = new ContainerStats();
    }

    /**
     * Loads the persistent definitions and finds every container still running from an earlier driver (bundle
     * restart, JVM killed): none is killed, none is lost.
     */
    public void load() {
        try {
            ContainerMounts.writeSkeleton(store.skeleton());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot write the /dev skeleton " + store.skeleton() + ": " + e);
        }
        definitions.loadAll();
        new Reattach(this).all();
    }

    /**
     * Starts the domains marked autostart that are not running, with no connection: their networks are reached
     * through the node's own context. The network backend is a bundle of its own and may come up after this driver
     * (bundles start in no fixed order): a container that finds it missing (DRIVER_UNAVAILABLE) is tried again, after
     * 0.5 s, then twice as long each time, for {@link #BACKEND_WAIT_MS} in all. Any other failure is logged, as
     * libvirt logs a failed autostart. Interrupted when the driver stops.
     */
    public void autostart() {
        List<LxcDomain> waiting = new ArrayList<>();
        for (LxcDomain d : domains()) {
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
            List<LxcDomain> again = waiting;
            waiting = new ArrayList<>();
            for (LxcDomain d : again) {
                autostart(d, waiting);
            }
        }
        for (LxcDomain d : waiting) {
            LOG.log(System.Logger.Level.WARNING, "autostart of domain '" + d.name() + "' gave up: the network"
                    + " backend it needs was not installed within " + BACKEND_WAIT_MS / 1000 + " s");
        }
    }

    /**
     * Starts one domain if it is to autostart, in its job's turn; one whose backend is not installed (yet) joins
     * {@code waiting}.
     */
    private void autostart(LxcDomain d, List<LxcDomain> waiting) {
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
                return lifecycle.start(d, null, null);
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

    synchronized List<LxcDomain> domains() {
        return new ArrayList<>(byUuid.values());
    }

    synchronized LxcDomain byName(String name) {
        LxcDomain d = byName.get(name);
        if (d == null) {
            throw VirtException.noDomain("no domain with matching name '" + name + "'");
        }
        return d;
    }

    synchronized LxcDomain byUuid(UUID uuid) {
        LxcDomain d = byUuid.get(uuid);
        if (d == null) {
            throw VirtException.noDomain("no domain with matching uuid '" + uuid + "'");
        }
        return d;
    }

    synchronized LxcDomain byId(int id) {
        LxcDomain d = byId.get(id);
        if (d == null) {
            throw VirtException.noDomain("no domain with matching id " + id);
        }
        return d;
    }

    synchronized LxcDomain find(DomainRef ref) {
        LxcDomain d = byUuid.get(ref.uuid());
        if (d == null) {
            throw VirtException.noDomain("no domain with matching uuid '" + ref.uuid() + "' (" + ref.name() + ")");
        }
        return d;
    }

    synchronized LxcDomain lookup(UUID uuid) {
        return byUuid.get(uuid);
    }

    synchronized LxcDomain lookupName(String name) {
        return byName.get(name);
    }

    synchronized void add(LxcDomain d) {
        byUuid.put(d.uuid, d);
        byName.put(d.name(), d);
        if (d.id >= 0) {
            byId.put(d.id, d);
        }
    }

    synchronized void remove(LxcDomain d) {
        byUuid.remove(d.uuid);
        byName.remove(d.name());
        if (d.id >= 0) {
            byId.remove(d.id);
        }
    }

    /** Gives a starting domain the next ID. */
    synchronized int assignId(LxcDomain d) {
        int id = nextId.getAndIncrement();
        synchronized (d) {
            d.id = id;
        }
        byId.put(id, d);
        return id;
    }

    /** A domain found running again keeps its ID; later ones are numbered after it. */
    synchronized void adoptId(LxcDomain d, int id) {
        synchronized (d) {
            d.id = id;
        }
        byId.put(id, d);
        nextId.accumulateAndGet(id + 1, Math::max);
    }

    synchronized void releaseId(LxcDomain d) {
        synchronized (d) {
            if (d.id >= 0) {
                byId.remove(d.id);
            }
            d.id = -1;
        }
    }

    /**
     * Lets go of every container without stopping it (the driver is stopping: a bundle refresh, update, or the JVM
     * leaving): ends no longer watched, pidfds closed. The next driver finds them again ({@link Reattach}).
     */
    @Override
    public void close() {
        List<Container> running = new ArrayList<>();
        for (LxcDomain d : domains()) {
            synchronized (d) {
                if (d.run != null) {
                    running.add(d.run);
                }
            }
        }
        running.forEach(Container::unwatch);
        sinks.clear();
        events.shutdown();
        try {
            // an end being handled finishes before the driver is gone
            events.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.forEach(Container::closePidfds);
        launcher.close();
    }

    /** Runs on the event thread and waits: every end noticed before is handled when this returns. */
    void barrier() {
        try {
            events.submit(() -> { }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: event thread of " + uri
                    + " did not answer: " + e);
        }
    }
}
