package org.virtlayer.itests.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainListFlag;
import org.virtlayer.api.Network;
import org.virtlayer.api.NetworkListFlag;
import org.virtlayer.api.VirtException;
import org.virtlayer.core.internal.ConnectionFactoryImpl;
import org.virtlayer.core.internal.host.LinuxHost;
import org.virtlayer.core.internal.state.FileStateStores;
import org.virtlayer.driver.lxc.internal.LxcDriver;
import org.virtlayer.driver.lxc.internal.node.LxcNode;
import org.virtlayer.driver.qemu.internal.QemuDriver;
import org.virtlayer.driver.qemu.internal.node.QemuNode;
import org.virtlayer.linux.Cgroup;
import org.virtlayer.linux.CgroupLayout;
import org.virtlayer.linux.LinuxException;
import org.virtlayer.network.bridge.internal.BridgeNetworkBackend;
import org.virtlayer.spi.HypervisorDriver;
import org.virtlayer.spi.NetworkBackend;
import org.virtlayer.spi.StorageBackend;
import org.virtlayer.storage.dir.internal.DirStorageBackend;

/**
 * A whole node outside OSGi, added to the real core as the bundles' services would be: the QEMU and LXC drivers (given
 * the core's node context, as SCR gives them the {@code virtlayer.context=node} service), the network-bridge backend
 * working in a network namespace of the test's own ({@link TestNetns}: every bridge, tap, veth, table and dnsmasq of
 * the test is there, the host's own network is never touched) and the storage-dir backend. State under a folder in
 * /tmp (short UNIX socket paths; searchable by dnsmasq's unprivileged user). Restarting a driver or the network
 * backend is what a bundle refresh does.
 */
final class NodeFixture implements AutoCloseable {
    static final String QEMU_CGROUP = "virtlayer-test";
    static final String LXC_CGROUP = "virtlayer-lxc-test";

    final Path root;
    final String netns;
    final FileStateStores stores;
    final ConnectionFactoryImpl factory;
    private QemuDriver qemu;
    private LxcDriver lxc;
    private BridgeNetworkBackend network;
    private final DirStorageBackend storage;

    NodeFixture() throws IOException {
        root = Files.createTempDirectory(Path.of("/tmp"), "vln-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        netns = TestNetns.create("vl-node");
        stores = new FileStateStores(root.resolve("state"), root.resolve("run"));
        factory = new ConnectionFactoryImpl(new LinuxHost(), 1000);
        addNetworkBackend();
        storage = new DirStorageBackend(stores.open(DirStorageBackend.AREA), "qemu-img");
        factory.addStorageBackend(storage, Map.of(StorageBackend.NAME, "storage-dir", StorageBackend.POOL_TYPES,
                "dir"), "org.virtlayer.storage.dir");
        qemu = newQemu();
        lxc = newLxc();
    }

    private QemuDriver newQemu() {
        QemuDriver d = new QemuDriver(stores, new QemuNode.NodeConfig(5_000, QEMU_CGROUP, 30_000),
                factory.nodeContext());
        factory.addDriver(d, Map.of(HypervisorDriver.SCHEMES, "qemu", HypervisorDriver.NAME, "qemu"),
                "org.virtlayer.driver.qemu");
        return d;
    }

    private LxcDriver newLxc() {
        LxcDriver d = new LxcDriver(stores, LxcNode.NodeConfig.defaults(LXC_CGROUP), factory.nodeContext());
        factory.addDriver(d, Map.of(HypervisorDriver.SCHEMES, "lxc", HypervisorDriver.NAME, "lxc"),
                "org.virtlayer.driver.lxc");
        return d;
    }

    /** The network backend, configured with the test's namespace, installed (again): it finds its networks. */
    void addNetworkBackend() {
        network = new BridgeNetworkBackend(stores.open(BridgeNetworkBackend.AREA), netns, "dnsmasq");
        factory.addNetworkBackend(network, Map.of(NetworkBackend.NAME, "network-bridge"),
                "org.virtlayer.network.bridge");
    }

    /** The network backend uninstalled: its networks keep running (they are the node's). */
    void removeNetworkBackend() {
        factory.removeNetworkBackend(network);
    }

    /** Both drivers' components deactivated and activated again, as bundle refreshes do; guests keep running. */
    void restartDrivers() {
        factory.removeDriver(qemu);
        qemu.deactivate();
        factory.removeDriver(lxc);
        lxc.deactivate();
        qemu = newQemu();
        lxc = newLxc();
    }

    Path file(String name) {
        return root.resolve(name);
    }

    /** The host PID of a running container's init, from its runtime status. */
    int containerInit(Domain d) throws IOException {
        String status = Files.readString(root.resolve("run/lxc/run/" + d.uuid().toString().replace("-", "")
                + "/status.xml"));
        Matcher m = Pattern.compile("init='(\\d+):").matcher(status);
        if (!m.find()) {
            throw new AssertionError("no init in " + status);
        }
        return Integer.parseInt(m.group(1));
    }

    /** The PID of a running QEMU, from its runtime status. */
    int qemuPid(Domain d) throws IOException {
        String status = Files.readString(root.resolve("run/qemu/system/run/" + d.uuid().toString().replace("-", "")
                + "/status.json"));
        return Integer.parseInt(status.replaceAll("(?s).*\"pid\":(\\d+).*", "$1"));
    }

    /**
     * Leaves nothing: every guest and container destroyed, every network destroyed, drivers and backends stopped,
     * the namespace deleted (whatever a failed test left in it goes with it), cgroups and files removed.
     */
    @Override
    public void close() throws IOException {
        for (String uri : List.of("qemu:///system", "lxc:///system")) {
            try (Connection c = factory.open(uri)) {
                for (Domain d : c.listDomains(DomainListFlag.ACTIVE)) {
                    destroy(d);
                }
                if (uri.startsWith("qemu")) {
                    for (Network n : c.listNetworks(NetworkListFlag.ACTIVE)) {
                        quietly(n::destroy);
                    }
                }
            } catch (VirtException e) {
                // a driver or backend is gone: the namespace's deletion below takes what is left
            }
        }
        factory.removeDriver(qemu);
        qemu.deactivate();
        factory.removeDriver(lxc);
        lxc.deactivate();
        factory.deactivate();
        TestNetns.delete(netns);
        for (String parent : List.of(QEMU_CGROUP, LXC_CGROUP)) {
            try {
                Cgroup.of(CgroupLayout.detect(), parent).remove();
            } catch (LinuxException e) {
                // another test's guests still use it
            }
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Destroys a guest left running, again while it refuses because a start (autostart) is still under way: a failed
     * test must not leave a QEMU or a container behind.
     */
    private static void destroy(Domain d) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (d.isActive() && System.nanoTime() < deadline) {
            quietly(d::destroy);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (VirtException e) {
            // gone meanwhile
        }
    }
}
