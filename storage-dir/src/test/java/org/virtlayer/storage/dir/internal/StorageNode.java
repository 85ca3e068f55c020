package org.virtlayer.storage.dir.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.virtlayer.api.Connection;
import org.virtlayer.core.internal.ConnectionFactoryImpl;
import org.virtlayer.core.internal.host.LinuxHost;
import org.virtlayer.core.internal.state.FileStateStores;
import org.virtlayer.core.testkit.NodeOnlyDriver;
import org.virtlayer.spi.HypervisorDriver;
import org.virtlayer.spi.StorageBackend;

/**
 * The real core outside OSGi with the dir backend installed as its bundle would install it, over state folders of
 * the test's own; {@link #restartBackend()} stops the backend and starts a new one, as a bundle restart does.
 */
final class StorageNode implements AutoCloseable {
    final Path root;
    final Path state;
    final Path runtime;
    final ConnectionFactoryImpl factory;
    private DirStorageBackend backend;
    private final List<Connection> connections = new ArrayList<>();

    StorageNode(Path root) throws IOException {
        this.root = root;
        this.state = Files.createDirectories(root.resolve("state"));
        this.runtime = Files.createDirectories(root.resolve("run"));
        factory = new ConnectionFactoryImpl(new LinuxHost(), 1000);
        factory.addDriver(new NodeOnlyDriver(), Map.of(HypervisorDriver.SCHEMES, "node", HypervisorDriver.NAME,
                "node"), "test");
        startBackend();
    }

    private void startBackend() {
        backend = new DirStorageBackend(new FileStateStores(state, runtime).open(DirStorageBackend.AREA), "qemu-img");
        factory.addStorageBackend(backend, Map.of(StorageBackend.NAME, "storage-dir", StorageBackend.POOL_TYPES,
                "dir"), "org.virtlayer.storage.dir");
    }

    void removeBackend() {
        factory.removeStorageBackend(backend);
    }

    void restartBackend() {
        factory.removeStorageBackend(backend);
        startBackend();
    }

    Connection open() {
        Connection c = factory.open("node:///system");
        connections.add(c);
        return c;
    }

    @Override
    public void close() {
        connections.forEach(Connection::close);
        factory.deactivate();
    }
}
