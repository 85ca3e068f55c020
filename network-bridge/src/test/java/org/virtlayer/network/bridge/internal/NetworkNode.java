package org.virtlayer.network.bridge.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.virtlayer.api.Connection;
import org.virtlayer.core.internal.ConnectionFactoryImpl;
import org.virtlayer.core.internal.host.LinuxHost;
import org.virtlayer.core.internal.state.FileStateStores;
import org.virtlayer.core.testkit.NodeOnlyDriver;
import org.virtlayer.spi.HypervisorDriver;
import org.virtlayer.spi.NetworkBackend;
import org.virtlayer.spi.NetworkService;
import org.virtlayer.spi.StateStore;

/**
 * The real core outside OSGi with the network backend installed as its bundle would install it, working in a network
 * namespace of the test's own, its state in a folder under target/ (dnsmasq, running unprivileged, must be able to
 * reach its files there). {@link #restartBackend()} replaces the backend by a new one, as a bundle restart does.
 */
final class NetworkNode implements AutoCloseable {
    final String namespace;
    final Path root;
    final Path state;
    final Path runtime;
    final ConnectionFactoryImpl factory;
    private final NodeOnlyDriver driver = new NodeOnlyDriver();
    private BridgeNetworkBackend backend;
    private final List<Connection> connections = new ArrayList<>();

    NetworkNode(String namespace) throws IOException {
        this.namespace = namespace;
        Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
        root = Files.createTempDirectory(target, "network-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        state = root.resolve("state");
        runtime = root.resolve("run");
        factory = new ConnectionFactoryImpl(new LinuxHost(), 1000);
        factory.addDriver(driver, Map.of(HypervisorDriver.SCHEMES, "node", HypervisorDriver.NAME,
                "node"), "test");
        startBackend();
    }

    StateStore store() {
        return new FileStateStores(state, runtime).open(BridgeNetworkBackend.AREA);
    }

    private void startBackend() {
        backend = new BridgeNetworkBackend(store(), namespace, "dnsmasq");
        factory.addNetworkBackend(backend, Map.of(NetworkBackend.NAME, "network-bridge"),
                "org.virtlayer.network.bridge");
    }

    void restartBackend() {
        factory.removeNetworkBackend(backend);
        startBackend();
    }

    Connection open() {
        Connection c = factory.open("node:///system");
        connections.add(c);
        return c;
    }

    /**
     * The networks as a hypervisor driver sees them ({@code DriverContext.networks()}, through the core's router),
     * on a new connection: where ports are made.
     */
    NetworkService driverNetworks() {
        open();
        return driver.lastContext().networks();
    }

    Path runtimeFile(String name) {
        return runtime.resolve(BridgeNetworkBackend.AREA).resolve(name);
    }

    @Override
    public void close() {
        connections.forEach(Connection::close);
        factory.deactivate();
    }
}
