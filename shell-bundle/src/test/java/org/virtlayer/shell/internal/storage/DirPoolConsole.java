package org.virtlayer.shell.internal.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.virtlayer.api.Connection;
import org.virtlayer.api.DomainListFlag;
import org.virtlayer.api.DomainStateInfo;
import org.virtlayer.api.VirtException;
import org.virtlayer.core.internal.ConnectionFactoryImpl;
import org.virtlayer.core.internal.host.LinuxHost;
import org.virtlayer.core.internal.state.FileStateStores;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.DomainSummary;
import org.virtlayer.spi.HypervisorConnection;
import org.virtlayer.spi.HypervisorDriver;
import org.virtlayer.spi.StorageBackend;
import org.virtlayer.storage.dir.internal.DirStorageBackend;

/**
 * The real core with the dir storage backend over a temporary folder, behind {@code bare:///}: a hypervisor driver
 * with no domains and no storage of its own, so that the core routes pools to the backend (the test driver keeps
 * its pools in memory and has no volume streams).
 */
final class DirPoolConsole implements AutoCloseable {
    final ConnectionFactoryImpl factory = new ConnectionFactoryImpl(new LinuxHost(), 1000);
    final Connection conn;
    final Path pool;

    DirPoolConsole(Path root) throws IOException {
        factory.addDriver((request, context) -> new BareNode(), Map.of(HypervisorDriver.SCHEMES, "bare",
                HypervisorDriver.NAME, "bare"), "test");
        FileStateStores stores = new FileStateStores(Files.createDirectories(root.resolve("state")),
                Files.createDirectories(root.resolve("run")));
        factory.addStorageBackend(new DirStorageBackend(stores.open(DirStorageBackend.AREA), "qemu-img"),
                Map.of(StorageBackend.NAME, "storage-dir", StorageBackend.POOL_TYPES, "dir"), "test");
        conn = factory.open("bare:///");
        pool = root.resolve("pool");
        new PoolLifecycle(conn).createAs(new PoolArguments("p", "dir", null, null, null, null, null,
                pool.toString()), Set.of(org.virtlayer.api.StoragePoolBuildFlag.NEW));
    }

    @Override
    public void close() {
        conn.close();
        factory.deactivate();
    }

    /** A node with nothing on it but what the storage backends bring. */
    private static final class BareNode implements HypervisorConnection {
        @Override
        public Object node() {
            return BareNode.class;
        }

        @Override
        public String hypervisorType() {
            return "BARE";
        }

        @Override
        public List<DomainSummary> listDomains(Set<DomainListFlag> flags) {
            return List.of();
        }

        @Override
        public DomainRef lookupDomainByName(String name) {
            throw VirtException.noDomain("no domain with matching name '" + name + "'");
        }

        @Override
        public DomainRef lookupDomainByUuid(UUID uuid) {
            throw VirtException.noDomain("no domain with matching uuid '" + uuid + "'");
        }

        @Override
        public DomainStateInfo domainState(DomainRef domain) {
            throw VirtException.noDomain(domain.name());
        }

        @Override
        public DomainSummary domainSummary(DomainRef domain) {
            throw VirtException.noDomain(domain.name());
        }
    }
}
