package org.virtlayer.core.internal.connection;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.virtlayer.api.DomainDefineFlag;
import org.virtlayer.api.DomainListFlag;
import org.virtlayer.api.DomainStartFlag;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.DomainStateInfo;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.api.DomainUndefineFlag;
import org.virtlayer.api.DomainXmlFlag;
import org.virtlayer.api.MetadataType;
import org.virtlayer.api.ModificationImpact;
import org.virtlayer.api.NetworkListFlag;
import org.virtlayer.api.NetworkUpdateCommand;
import org.virtlayer.api.NetworkUpdateSection;
import org.virtlayer.api.ShutdownMode;
import org.virtlayer.api.StoragePoolBuildFlag;
import org.virtlayer.api.StoragePoolDeleteFlag;
import org.virtlayer.api.StoragePoolListFlag;
import org.virtlayer.api.StorageVolumeCreateFlag;
import org.virtlayer.api.StorageVolumeResizeFlag;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.DomainSummary;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.HypervisorConnection;
import org.virtlayer.spi.HypervisorDriver;
import org.virtlayer.spi.NetworkRef;
import org.virtlayer.spi.NetworkService;
import org.virtlayer.spi.NetworkSummary;
import org.virtlayer.spi.OpenRequest;
import org.virtlayer.spi.PoolRef;
import org.virtlayer.spi.PoolSummary;
import org.virtlayer.spi.StorageService;
import org.virtlayer.spi.VolumeRef;

/**
 * A driver for the core's own tests: one domain {@code d}, one network {@code n}, one pool {@code p} with a volume
 * {@code v}; every changing call is recorded. {@link #block} makes {@code startDomain} wait until released, to play a
 * hung driver.
 */
class RecordingDriver implements HypervisorDriver {
    static final DomainRef D = new DomainRef("d", UUID.fromString("11111111-1111-1111-1111-111111111111"), -1);
    static final NetworkRef N = new NetworkRef("n", UUID.fromString("22222222-2222-2222-2222-222222222222"));
    static final PoolRef P = new PoolRef("p", UUID.fromString("33333333-3333-3333-3333-333333333333"), "dir");
    static final VolumeRef V = new VolumeRef("p", "v", "/p/v");

    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile CountDownLatch block;
    volatile DriverContext context;

    @Override
    public HypervisorConnection open(OpenRequest request, DriverContext ctx) {
        this.context = ctx;
        return new Conn();
    }

    private void record(String call) {
        calls.add(call);
    }

    final class Conn implements HypervisorConnection, NetworkService, StorageService {
        private final Object node = new Object();

        @Override
        public Object node() {
            return node;
        }

        @Override
        public String hypervisorType() {
            return "RECORDING";
        }

        @Override
        public void close() {
        }

        @Override
        public NetworkService networks() {
            return this;
        }

        @Override
        public StorageService storage() {
            return this;
        }

        // domains
        @Override
        public List<DomainSummary> listDomains(Set<DomainListFlag> flags) {
            return List.of(domainSummary(D));
        }

        @Override
        public DomainRef lookupDomainByName(String name) {
            return D;
        }

        @Override
        public DomainRef lookupDomainByUuid(UUID uuid) {
            return D;
        }

        @Override
        public DomainStateInfo domainState(DomainRef domain) {
            return DomainStateInfo.of(DomainStateReason.SHUTOFF_UNKNOWN);
        }

        @Override
        public DomainSummary domainSummary(DomainRef domain) {
            return new DomainSummary(D, DomainState.SHUTOFF, true, false, false, false);
        }

        @Override
        public String domainXml(DomainRef domain, Set<DomainXmlFlag> flags) {
            return "<domain/>";
        }

        @Override
        public DomainRef defineDomain(String xml, Set<DomainDefineFlag> flags) {
            record("defineDomain");
            return D;
        }

        @Override
        public DomainRef createDomain(String xml, Set<DomainStartFlag> flags) {
            record("createDomain");
            return D;
        }

        @Override
        public DomainRef restoreDomain(String path) {
            record("restoreDomain");
            return D;
        }

        @Override
        public void undefineDomain(DomainRef domain, Set<DomainUndefineFlag> flags) {
            record("undefineDomain");
        }

        @Override
        public DomainRef startDomain(DomainRef domain, Set<DomainStartFlag> flags) {
            CountDownLatch b = block;
            if (b != null) {
                try {
                    b.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            record("startDomain");
            return new DomainRef(D.name(), D.uuid(), 7);
        }

        @Override
        public void shutdownDomain(DomainRef domain, Set<ShutdownMode> modes) {
            record("shutdownDomain");
        }

        @Override
        public void destroyDomain(DomainRef domain) {
            record("destroyDomain");
        }

        @Override
        public void rebootDomain(DomainRef domain, Set<ShutdownMode> modes) {
            record("rebootDomain");
        }

        @Override
        public void resetDomain(DomainRef domain) {
            record("resetDomain");
        }

        @Override
        public void suspendDomain(DomainRef domain) {
            record("suspendDomain");
        }

        @Override
        public void resumeDomain(DomainRef domain) {
            record("resumeDomain");
        }

        @Override
        public void saveDomain(DomainRef domain, String path) {
            record("saveDomain");
        }

        @Override
        public void setDomainAutostart(DomainRef domain, boolean autostart) {
            record("setDomainAutostart");
        }

        @Override
        public void setDomainMemory(DomainRef domain, long kib, Set<ModificationImpact> impact) {
            record("setDomainMemory");
        }

        @Override
        public void setDomainMaxMemory(DomainRef domain, long kib, Set<ModificationImpact> impact) {
            record("setDomainMaxMemory");
        }

        @Override
        public void setDomainVcpus(DomainRef domain, int count, Set<ModificationImpact> impact) {
            record("setDomainVcpus");
        }

        @Override
        public void attachDevice(DomainRef domain, String xml, Set<ModificationImpact> impact) {
            record("attachDevice");
        }

        @Override
        public void detachDevice(DomainRef domain, String xml, Set<ModificationImpact> impact) {
            record("detachDevice");
        }

        @Override
        public void updateDevice(DomainRef domain, String xml, Set<ModificationImpact> impact) {
            record("updateDevice");
        }

        @Override
        public void setDomainMetadata(DomainRef domain, MetadataType type, String value, String key, String uri,
                Set<ModificationImpact> impact) {
            record("setDomainMetadata");
        }

        // networks
        @Override
        public List<NetworkSummary> listNetworks(Set<NetworkListFlag> flags) {
            return List.of(networkSummary(N));
        }

        @Override
        public NetworkRef lookupNetworkByName(String name) {
            return N;
        }

        @Override
        public NetworkRef lookupNetworkByUuid(UUID uuid) {
            return N;
        }

        @Override
        public NetworkSummary networkSummary(NetworkRef network) {
            return new NetworkSummary(N, true, true, false);
        }

        @Override
        public NetworkRef defineNetwork(String xml) {
            record("defineNetwork");
            return N;
        }

        @Override
        public NetworkRef createNetwork(String xml) {
            record("createNetwork");
            return N;
        }

        @Override
        public void startNetwork(NetworkRef network) {
            record("startNetwork");
        }

        @Override
        public void destroyNetwork(NetworkRef network) {
            record("destroyNetwork");
        }

        @Override
        public void undefineNetwork(NetworkRef network) {
            record("undefineNetwork");
        }

        @Override
        public void setNetworkAutostart(NetworkRef network, boolean autostart) {
            record("setNetworkAutostart");
        }

        @Override
        public void updateNetwork(NetworkRef network, NetworkUpdateCommand command, NetworkUpdateSection section,
                int parentIndex, String xml, Set<ModificationImpact> impact) {
            record("updateNetwork");
        }

        // storage
        @Override
        public List<PoolSummary> listPools(Set<StoragePoolListFlag> flags) {
            return List.of(poolSummary(P));
        }

        @Override
        public PoolRef lookupPoolByName(String name) {
            return P;
        }

        @Override
        public PoolRef lookupPoolByUuid(UUID uuid) {
            return P;
        }

        @Override
        public PoolSummary poolSummary(PoolRef pool) {
            return new PoolSummary(P, true, true, false);
        }

        @Override
        public PoolRef definePool(String xml) {
            record("definePool");
            return P;
        }

        @Override
        public PoolRef createPool(String xml, Set<StoragePoolBuildFlag> flags) {
            record("createPool");
            return P;
        }

        @Override
        public void buildPool(PoolRef pool, Set<StoragePoolBuildFlag> flags) {
            record("buildPool");
        }

        @Override
        public void startPool(PoolRef pool) {
            record("startPool");
        }

        @Override
        public void destroyPool(PoolRef pool) {
            record("destroyPool");
        }

        @Override
        public void deletePool(PoolRef pool, Set<StoragePoolDeleteFlag> flags) {
            record("deletePool");
        }

        @Override
        public void undefinePool(PoolRef pool) {
            record("undefinePool");
        }

        @Override
        public void refreshPool(PoolRef pool) {
            record("refreshPool");
        }

        @Override
        public void setPoolAutostart(PoolRef pool, boolean autostart) {
            record("setPoolAutostart");
        }

        @Override
        public List<VolumeRef> listVolumes(PoolRef pool) {
            return List.of(V);
        }

        @Override
        public VolumeRef lookupVolumeByName(PoolRef pool, String name) {
            return V;
        }

        @Override
        public VolumeRef createVolume(PoolRef pool, String xml, Set<StorageVolumeCreateFlag> flags) {
            record("createVolume");
            return V;
        }

        @Override
        public VolumeRef createVolumeFrom(PoolRef pool, String xml, VolumeRef source,
                Set<StorageVolumeCreateFlag> flags) {
            record("createVolumeFrom");
            return V;
        }

        @Override
        public void deleteVolume(VolumeRef volume) {
            record("deleteVolume");
        }

        @Override
        public void wipeVolume(VolumeRef volume) {
            record("wipeVolume");
        }

        @Override
        public void resizeVolume(VolumeRef volume, long capacity, Set<StorageVolumeResizeFlag> flags) {
            record("resizeVolume");
        }

        @Override
        public void uploadVolume(VolumeRef volume, InputStream source, long offset, long length) {
            record("uploadVolume");
        }

        @Override
        public void downloadVolume(VolumeRef volume, OutputStream sink, long offset, long length) {
            record("downloadVolume");
        }
    }
}
