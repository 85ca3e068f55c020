package org.virtlayer.driver.lxc.internal.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.driver.lxc.internal.launch.ContainerLauncher;
import org.virtlayer.driver.lxc.internal.launch.ContainerMounts;
import org.virtlayer.linux.CgroupLayout;
import org.virtlayer.linux.ProcessWatcher;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.StateStore;
import org.virtlayer.spi.kit.DriverNode;

/**
 * The LXC node ({@code lxc:///system}, also reached as {@code lxc:///}): its domains, shared by every connection,
 * whose event sinks all hear every event. The node owns the registry (names, UUIDs, IDs) and one event thread on which
 * container ends are handled in order; the operations live in their own classes ({@link ContainerLifecycle},
 * {@link Reattach}, {@link ContainerStats}, {@link Definitions}, {@link HostInterfaces}).
 */
public final class LxcNode extends DriverNode<LxcDomain> implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LxcNode.class.getName());

    final String uri = "lxc:///system";
    final DomainStore store;
    final ProcessWatcher watcher;
    final NodeConfig config;
    /** The host's cgroups when this process may write them, else null (starting a container then fails). */
    final CgroupLayout cgroups;
    /** Container ends, handled one at a time in arrival order. */
    final ExecutorService events;

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

    @Override
    protected boolean markedAutostart(LxcDomain d) {
        synchronized (d) {
            return d.autostart;
        }
    }

    /**
     * Starts it in its job's turn, unless it was unmarked or started meanwhile: with no connection,
     * its networks reached through the node's own context.
     */
    @Override
    protected void autostartOne(LxcDomain d) {
        lifecycle.job(d, () -> {
            synchronized (d) {
                if (!d.autostart || d.isActive() || Thread.currentThread().isInterrupted()) {
                    return null;
                }
            }
            return lifecycle.start(d, null, null);
        });
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
        removeSinks();
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
