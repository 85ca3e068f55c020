package org.virtlayer.core.internal.connection;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.StoragePoolBuildFlag;
import org.virtlayer.api.StoragePoolDeleteFlag;
import org.virtlayer.api.StoragePoolInfo;
import org.virtlayer.api.StoragePoolListFlag;
import org.virtlayer.api.StorageVolumeCreateFlag;
import org.virtlayer.api.StorageVolumeInfo;
import org.virtlayer.api.StorageVolumeResizeFlag;
import org.virtlayer.api.VirtException;
import org.virtlayer.core.internal.calls.Operation;
import org.virtlayer.core.internal.calls.ProviderCalls;
import org.virtlayer.core.internal.registry.ProviderEntry;
import org.virtlayer.spi.HypervisorConnection;
import org.virtlayer.spi.PoolRef;
import org.virtlayer.spi.PoolSummary;
import org.virtlayer.spi.StorageBackend;
import org.virtlayer.spi.StorageService;
import org.virtlayer.spi.VolumeRef;
import org.virtlayer.xml.SafeXmlParser;

/**
 * A connection's storage, or the node's ({@link NodeContext}): the hypervisor driver's own if it serves it (the test
 * driver), otherwise the pools of every storage backend installed now, each pool routed to the backend of its type.
 * It is also what drivers get from {@code DriverContext.storage()} to resolve volumes.
 */
final class StorageRouter implements StorageService {
    private final BackendUser user;
    private volatile ServiceBinding<StorageService> own;
    private final Map<ProviderEntry<?>, ServiceBinding<StorageService>> backends = new ConcurrentHashMap<>();

    StorageRouter(BackendUser user) {
        this.user = user;
    }

    /** The hypervisor driver's own storage, if it serves it, called through the driver's guard. */
    void adoptOwn(HypervisorConnection hc, ProviderCalls driverCalls) {
        StorageService s = hc.storage();
        if (s != null) {
            own = new ServiceBinding<>(s, driverCalls, null);
        }
    }

    /** Every service to ask, own first; fails when there is none at all. */
    private List<ServiceBinding<StorageService>> all() {
        user.checkUsable();
        ServiceBinding<StorageService> o = own;
        if (o != null) {
            return List.of(o);
        }
        List<ProviderEntry<StorageBackend>> entries = user.registry().storageBackends();
        if (entries.isEmpty()) {
            throw new VirtException(ErrorCode.DRIVER_UNAVAILABLE, "no storage backend is installed: storage pools of "
                    + user.describe() + " need one (Karaf feature virtlayer-storage-dir)");
        }
        List<ServiceBinding<StorageService>> out = new ArrayList<>(entries.size());
        for (ProviderEntry<StorageBackend> e : entries) {
            out.add(bind(e));
        }
        return out;
    }

    private ServiceBinding<StorageService> bind(ProviderEntry<StorageBackend> e) {
        return backends.computeIfAbsent(e, k -> new ServiceBinding<>(
                e.calls().call(Operation.CONNECT_OPEN,
                        () -> e.service().open(user.openRequest(), user.backendContext())),
                e.calls(), e));
    }

    /** The service for pools of this type. */
    private ServiceBinding<StorageService> forType(String type) {
        user.checkUsable();
        ServiceBinding<StorageService> o = own;
        if (o != null) {
            return o;
        }
        ProviderEntry<StorageBackend> e = user.registry().storageBackendFor(type)
                .orElseThrow(() -> new VirtException(ErrorCode.DRIVER_UNAVAILABLE, "no storage backend for pool type '"
                        + type + "' is installed" + installed()));
        return bind(e);
    }

    private String installed() {
        List<String> types = user.registry().poolTypes();
        return types.isEmpty() ? " (no storage backend is installed; Karaf feature virtlayer-storage-dir serves 'dir'"
                + " pools)" : " (installed pool types: " + String.join(", ", types) + ")";
    }

    /** The service holding the pool a volume is in. */
    private ServiceBinding<StorageService> forVolume(VolumeRef v) {
        List<ServiceBinding<StorageService>> all = all();
        if (all.size() == 1) {
            return all.get(0);
        }
        return forType(lookupPoolByName(v.pool()).type());
    }

    void providerRemoved(ProviderEntry<?> entry) {
        backends.remove(entry);
    }

    @Override
    public void close() {
        own = null;
        for (ServiceBinding<StorageService> b : backends.values()) {
            if (!b.calls().isGone()) {
                try {
                    b.run(Operation.CONNECT_CLOSE, StorageService::close);
                } catch (VirtException e) {
                    // best effort, as for networks
                }
            }
        }
        backends.clear();
    }

    /** Asks each service in turn; the first answer that is not "not found" wins. */
    private <T> T first(Operation op, Function<StorageService, T> body, VirtException notFound) {
        for (ServiceBinding<StorageService> b : all()) {
            try {
                T r = b.call(op, body);
                if (r != null) {
                    return r;
                }
            } catch (VirtException e) {
                if (e.code() != ErrorCode.NO_STORAGE_POOL && e.code() != ErrorCode.NO_STORAGE_VOL) {
                    throw e;
                }
            }
        }
        if (notFound == null) {
            return null;
        }
        throw notFound;
    }

    @Override
    public List<PoolSummary> listPools(Set<StoragePoolListFlag> flags) {
        List<PoolSummary> out = new ArrayList<>();
        for (ServiceBinding<StorageService> b : all()) {
            out.addAll(b.call(Operation.CONNECT_LIST_ALL_STORAGE_POOLS, s -> s.listPools(flags)));
        }
        return out;
    }

    @Override
    public PoolRef lookupPoolByName(String name) {
        if (name == null) {
            throw VirtException.invalidArg("pool name must not be null");
        }
        return first(Operation.STORAGE_POOL_LOOKUP_BY_NAME, s -> s.lookupPoolByName(name),
                VirtException.noStoragePool("no storage pool with matching name '" + name + "'"));
    }

    @Override
    public PoolRef lookupPoolByUuid(UUID uuid) {
        if (uuid == null) {
            throw VirtException.invalidArg("pool UUID must not be null");
        }
        return first(Operation.STORAGE_POOL_LOOKUP_BY_UUID, s -> s.lookupPoolByUuid(uuid),
                VirtException.noStoragePool("no storage pool with matching uuid '" + uuid + "'"));
    }

    @Override
    public PoolSummary poolSummary(PoolRef pool) {
        return forType(pool.type()).call(Operation.STORAGE_POOL_IS_ACTIVE, s -> s.poolSummary(pool));
    }

    private String typeOf(String xml) {
        String type = SafeXmlParser.parse(xml).attr("type");
        if (type == null || type.isBlank()) {
            throw VirtException.xml("storage pool missing type attribute");
        }
        return type;
    }

    @Override
    public PoolRef definePool(String xml) {
        ServiceBinding<StorageService> b = own != null ? forType(null) : forType(typeOf(xml));
        return b.call(Operation.STORAGE_POOL_DEFINE_XML, s -> s.definePool(xml));
    }

    @Override
    public PoolRef createPool(String xml, Set<StoragePoolBuildFlag> flags) {
        ServiceBinding<StorageService> b = own != null ? forType(null) : forType(typeOf(xml));
        return b.call(Operation.STORAGE_POOL_CREATE_XML, s -> s.createPool(xml, flags));
    }

    @Override
    public void buildPool(PoolRef pool, Set<StoragePoolBuildFlag> flags) {
        forType(pool.type()).run(Operation.STORAGE_POOL_BUILD, s -> s.buildPool(pool, flags));
    }

    @Override
    public void startPool(PoolRef pool) {
        forType(pool.type()).run(Operation.STORAGE_POOL_CREATE, s -> s.startPool(pool));
    }

    @Override
    public void destroyPool(PoolRef pool) {
        forType(pool.type()).run(Operation.STORAGE_POOL_DESTROY, s -> s.destroyPool(pool));
    }

    @Override
    public void deletePool(PoolRef pool, Set<StoragePoolDeleteFlag> flags) {
        forType(pool.type()).run(Operation.STORAGE_POOL_DELETE, s -> s.deletePool(pool, flags));
    }

    @Override
    public void undefinePool(PoolRef pool) {
        forType(pool.type()).run(Operation.STORAGE_POOL_UNDEFINE, s -> s.undefinePool(pool));
    }

    @Override
    public void refreshPool(PoolRef pool) {
        forType(pool.type()).run(Operation.STORAGE_POOL_REFRESH, s -> s.refreshPool(pool));
    }

    @Override
    public StoragePoolInfo poolInfo(PoolRef pool) {
        return forType(pool.type()).call(Operation.STORAGE_POOL_GET_INFO, s -> s.poolInfo(pool));
    }

    @Override
    public String poolXml(PoolRef pool, boolean inactive) {
        return forType(pool.type()).call(Operation.STORAGE_POOL_GET_XML_DESC, s -> s.poolXml(pool, inactive));
    }

    @Override
    public void setPoolAutostart(PoolRef pool, boolean autostart) {
        forType(pool.type()).run(Operation.STORAGE_POOL_SET_AUTOSTART, s -> s.setPoolAutostart(pool, autostart));
    }

    @Override
    public List<VolumeRef> listVolumes(PoolRef pool) {
        return forType(pool.type()).call(Operation.STORAGE_POOL_LIST_ALL_VOLUMES, s -> s.listVolumes(pool));
    }

    @Override
    public VolumeRef lookupVolumeByName(PoolRef pool, String name) {
        if (name == null) {
            throw VirtException.invalidArg("volume name must not be null");
        }
        return forType(pool.type()).call(Operation.STORAGE_VOL_LOOKUP_BY_NAME, s -> s.lookupVolumeByName(pool, name));
    }

    @Override
    public VolumeRef lookupVolumeByPath(String path) {
        if (path == null) {
            throw VirtException.invalidArg("volume path must not be null");
        }
        return first(Operation.STORAGE_VOL_LOOKUP_BY_PATH, s -> s.lookupVolumeByPath(path), null);
    }

    @Override
    public VolumeRef lookupVolumeByKey(String key) {
        if (key == null) {
            throw VirtException.invalidArg("volume key must not be null");
        }
        return first(Operation.STORAGE_VOL_LOOKUP_BY_KEY, s -> s.lookupVolumeByKey(key), null);
    }

    @Override
    public VolumeRef createVolume(PoolRef pool, String xml, Set<StorageVolumeCreateFlag> flags) {
        return forType(pool.type()).call(Operation.STORAGE_VOL_CREATE_XML, s -> s.createVolume(pool, xml, flags));
    }

    @Override
    public VolumeRef createVolumeFrom(PoolRef pool, String xml, VolumeRef source, Set<StorageVolumeCreateFlag> flags) {
        return forType(pool.type()).call(Operation.STORAGE_VOL_CREATE_XML_FROM,
                s -> s.createVolumeFrom(pool, xml, source, flags));
    }

    @Override
    public void deleteVolume(VolumeRef volume) {
        forVolume(volume).run(Operation.STORAGE_VOL_DELETE, s -> s.deleteVolume(volume));
    }

    @Override
    public void wipeVolume(VolumeRef volume) {
        forVolume(volume).run(Operation.STORAGE_VOL_WIPE, s -> s.wipeVolume(volume));
    }

    @Override
    public void resizeVolume(VolumeRef volume, long capacity, Set<StorageVolumeResizeFlag> flags) {
        forVolume(volume).run(Operation.STORAGE_VOL_RESIZE, s -> s.resizeVolume(volume, capacity, flags));
    }

    @Override
    public StorageVolumeInfo volumeInfo(VolumeRef volume) {
        return forVolume(volume).call(Operation.STORAGE_VOL_GET_INFO, s -> s.volumeInfo(volume));
    }

    @Override
    public String volumeXml(VolumeRef volume) {
        return forVolume(volume).call(Operation.STORAGE_VOL_GET_XML_DESC, s -> s.volumeXml(volume));
    }

    @Override
    public String volumePath(VolumeRef volume) {
        return forVolume(volume).call(Operation.STORAGE_VOL_GET_PATH, s -> s.volumePath(volume));
    }

    @Override
    public void uploadVolume(VolumeRef volume, InputStream source, long offset, long length) {
        forVolume(volume).run(Operation.STORAGE_VOL_UPLOAD, s -> s.uploadVolume(volume, source, offset, length));
    }

    @Override
    public void downloadVolume(VolumeRef volume, OutputStream sink, long offset, long length) {
        forVolume(volume).run(Operation.STORAGE_VOL_DOWNLOAD, s -> s.downloadVolume(volume, sink, offset, length));
    }
}
