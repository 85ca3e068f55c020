package org.virtlayer.driver.test.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.StoragePoolBuildFlag;
import org.virtlayer.api.StoragePoolDeleteFlag;
import org.virtlayer.api.StoragePoolInfo;
import org.virtlayer.api.StoragePoolListFlag;
import org.virtlayer.api.StoragePoolState;
import org.virtlayer.api.StorageVolumeCreateFlag;
import org.virtlayer.api.StorageVolumeInfo;
import org.virtlayer.api.StorageVolumeResizeFlag;
import org.virtlayer.api.StorageVolumeType;
import org.virtlayer.api.VirtException;
import org.virtlayer.api.event.StoragePoolEventType;
import org.virtlayer.spi.ListFilters;
import org.virtlayer.spi.PoolRef;
import org.virtlayer.spi.PoolSummary;
import org.virtlayer.spi.StorageService;
import org.virtlayer.spi.VolumeRef;
import org.virtlayer.xml.StoragePoolDef;
import org.virtlayer.xml.StorageVolDef;

/** The pools and volumes of a test node: in memory, sizes accounted, libvirt's state rules and events. */
final class TestStorage implements StorageService {
    private final TestNode node;

    TestStorage(TestNode node) {
        this.node = node;
    }

    private TestPool find(PoolRef ref) {
        TestPool p = node.pools.get(ref.name());
        if (p == null || !p.def.uuid().equals(ref.uuid())) {
            throw VirtException.noStoragePool("no storage pool with matching uuid '" + ref.uuid() + "' ("
                    + ref.name() + ")");
        }
        return p;
    }

    private TestPool active(PoolRef ref) {
        TestPool p = find(ref);
        if (!p.active) {
            throw VirtException.invalidOperation("storage pool '" + ref.name() + "' is not active");
        }
        return p;
    }

    private StorageVolDef volume(TestPool p, String name) {
        StorageVolDef v = p.volumes.get(name);
        if (v == null) {
            throw VirtException.noStorageVol("no storage vol with matching name '" + name + "'");
        }
        return v;
    }

    private static VolumeRef ref(TestPool p, StorageVolDef v) {
        return new VolumeRef(p.def.name(), v.name(), v.key());
    }

    @Override
    public List<PoolSummary> listPools(Set<StoragePoolListFlag> flags) {
        synchronized (node) {
            List<PoolSummary> out = new ArrayList<>();
            for (TestPool p : node.pools.values()) {
                if (ListFilters.matches(flags, p.summary())) {
                    out.add(p.summary());
                }
            }
            return out;
        }
    }

    @Override
    public PoolRef lookupPoolByName(String name) {
        synchronized (node) {
            TestPool p = node.pools.get(name);
            if (p == null) {
                throw VirtException.noStoragePool("no storage pool with matching name '" + name + "'");
            }
            return p.ref();
        }
    }

    @Override
    public PoolRef lookupPoolByUuid(UUID uuid) {
        synchronized (node) {
            for (TestPool p : node.pools.values()) {
                if (p.def.uuid().equals(uuid)) {
                    return p.ref();
                }
            }
            throw VirtException.noStoragePool("no storage pool with matching uuid '" + uuid + "'");
        }
    }

    @Override
    public PoolSummary poolSummary(PoolRef pool) {
        synchronized (node) {
            return find(pool).summary();
        }
    }

    private TestPool existing(StoragePoolDef def) {
        TestPool byName = node.pools.get(def.name());
        if (byName != null && !byName.def.uuid().equals(def.uuid())) {
            throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: pool '" + def.name()
                    + "' already exists with uuid " + byName.def.uuid());
        }
        for (TestPool p : node.pools.values()) {
            if (p != byName && p.def.uuid().equals(def.uuid())) {
                throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: pool '" + p.def.name()
                        + "' is already defined with uuid " + def.uuid());
            }
        }
        return byName;
    }

    @Override
    public PoolRef definePool(String xml) {
        StoragePoolDef def = StoragePoolDef.parse(xml);
        synchronized (node) {
            TestPool p = existing(def);
            if (p != null && p.active) {
                throw VirtException.invalidOperation("storage pool '" + def.name() + "' is already active");
            }
            if (p == null) {
                p = new TestPool(def, true);
                node.pools.put(def.name(), p);
            } else {
                p.def = def;
                p.persistent = true;
            }
            node.emit(p.ref(), StoragePoolEventType.DEFINED);
            return p.ref();
        }
    }

    /**
     * Build flags change nothing: an in-memory pool has no storage to build (libvirt's test driver refuses them as
     * unsupported; accepting them lets {@code pool-create --build} scripts run against the test node).
     */
    @Override
    public PoolRef createPool(String xml, Set<StoragePoolBuildFlag> flags) {
        StoragePoolDef def = StoragePoolDef.parse(xml);
        synchronized (node) {
            TestPool p = existing(def);
            if (p != null) {
                throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: storage pool '"
                        + def.name() + "' already exists");
            }
            p = new TestPool(def, false);
            p.active = true;
            node.pools.put(def.name(), p);
            node.emit(p.ref(), StoragePoolEventType.STARTED);
            return p.ref();
        }
    }

    @Override
    public void buildPool(PoolRef pool, Set<StoragePoolBuildFlag> flags) {
        synchronized (node) {
            TestPool p = find(pool);
            if (p.active) {
                throw VirtException.invalidOperation("storage pool '" + pool.name() + "' is already active");
            }
            node.emit(p.ref(), StoragePoolEventType.CREATED);
        }
    }

    @Override
    public void startPool(PoolRef pool) {
        synchronized (node) {
            TestPool p = find(pool);
            if (p.active) {
                throw VirtException.invalidOperation("storage pool '" + pool.name() + "' is already active");
            }
            p.active = true;
            node.emit(p.ref(), StoragePoolEventType.STARTED);
        }
    }

    @Override
    public void destroyPool(PoolRef pool) {
        synchronized (node) {
            TestPool p = active(pool);
            p.active = false;
            if (!p.persistent) {
                node.pools.remove(pool.name());
            }
            node.emit(p.ref(), StoragePoolEventType.STOPPED);
        }
    }

    @Override
    public void deletePool(PoolRef pool, Set<StoragePoolDeleteFlag> flags) {
        synchronized (node) {
            TestPool p = find(pool);
            if (p.active) {
                throw VirtException.invalidOperation("storage pool '" + pool.name() + "' is still active");
            }
            node.emit(p.ref(), StoragePoolEventType.DELETED);
        }
    }

    @Override
    public void undefinePool(PoolRef pool) {
        synchronized (node) {
            TestPool p = find(pool);
            if (p.active) {
                throw VirtException.invalidOperation("storage pool '" + pool.name() + "' is still active");
            }
            node.pools.remove(pool.name());
            node.emit(p.ref(), StoragePoolEventType.UNDEFINED);
        }
    }

    @Override
    public void refreshPool(PoolRef pool) {
        synchronized (node) {
            active(pool);
        }
    }

    @Override
    public StoragePoolInfo poolInfo(PoolRef pool) {
        synchronized (node) {
            TestPool p = find(pool);
            long alloc = p.allocation();
            return new StoragePoolInfo(p.active ? StoragePoolState.RUNNING : StoragePoolState.INACTIVE, p.capacity,
                    alloc, Math.max(0, p.capacity - alloc));
        }
    }

    @Override
    public String poolXml(PoolRef pool, boolean inactive) {
        synchronized (node) {
            return find(pool).xml(inactive);
        }
    }

    @Override
    public void setPoolAutostart(PoolRef pool, boolean autostart) {
        synchronized (node) {
            TestPool p = find(pool);
            if (!p.persistent) {
                throw VirtException.invalidOperation("cannot set autostart for transient pool");
            }
            p.autostart = autostart;
        }
    }

    @Override
    public List<VolumeRef> listVolumes(PoolRef pool) {
        synchronized (node) {
            TestPool p = active(pool);
            List<VolumeRef> out = new ArrayList<>();
            for (StorageVolDef v : p.volumes.values()) {
                out.add(ref(p, v));
            }
            return out;
        }
    }

    @Override
    public VolumeRef lookupVolumeByName(PoolRef pool, String name) {
        synchronized (node) {
            TestPool p = active(pool);
            return ref(p, volume(p, name));
        }
    }

    @Override
    public VolumeRef lookupVolumeByPath(String path) {
        synchronized (node) {
            for (TestPool p : node.pools.values()) {
                for (StorageVolDef v : p.volumes.values()) {
                    if (path.equals(v.targetPath())) {
                        return ref(p, v);
                    }
                }
            }
            return null;
        }
    }

    @Override
    public VolumeRef lookupVolumeByKey(String key) {
        synchronized (node) {
            for (TestPool p : node.pools.values()) {
                for (StorageVolDef v : p.volumes.values()) {
                    if (key.equals(v.key())) {
                        return ref(p, v);
                    }
                }
            }
            return null;
        }
    }

    /** Adds a volume to a pool, with libvirt's checks: unique name, enough space. Caller holds the monitor. */
    static void addVolume(TestPool p, StorageVolDef v) {
        if (v.name().indexOf('/') >= 0) {
            throw VirtException.invalidArg("volume name '" + v.name() + "' cannot contain '/'");
        }
        if (p.volumes.containsKey(v.name())) {
            throw new VirtException(ErrorCode.STORAGE_VOL_EXIST, "storage volume '" + v.name()
                    + "' already exists");
        }
        if (p.allocation() + v.allocation() > p.capacity) {
            throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: Not enough free space in pool"
                    + " for volume '" + v.name() + "'");
        }
        String path = p.volumePath(v.name());
        v.setTargetPath(path);
        v.setKey(path);
        if (v.root().childText("allocation") == null) {
            v.setAllocation(v.capacity());
        }
        p.volumes.put(v.name(), v);
    }

    @Override
    public VolumeRef createVolume(PoolRef pool, String xml, Set<StorageVolumeCreateFlag> flags) {
        synchronized (node) {
            TestPool p = active(pool);
            StorageVolDef v = StorageVolDef.parse(xml, p.def);
            addVolume(p, v);
            return ref(p, v);
        }
    }

    @Override
    public VolumeRef createVolumeFrom(PoolRef pool, String xml, VolumeRef source, Set<StorageVolumeCreateFlag> flags) {
        synchronized (node) {
            TestPool p = active(pool);
            TestPool sp = node.pools.get(source.pool());
            if (sp == null) {
                throw VirtException.noStoragePool("no storage pool with matching name '" + source.pool() + "'");
            }
            StorageVolDef src = volume(sp, source.name());
            StorageVolDef v = StorageVolDef.parse(xml, p.def);
            if (v.capacity() < src.capacity()) {
                v.setCapacity(src.capacity());
            }
            addVolume(p, v);
            return ref(p, v);
        }
    }

    @Override
    public void deleteVolume(VolumeRef volume) {
        synchronized (node) {
            TestPool p = active(lookupPoolByName(volume.pool()));
            volume(p, volume.name());
            p.volumes.remove(volume.name());
        }
    }

    @Override
    public void wipeVolume(VolumeRef volume) {
        synchronized (node) {
            TestPool p = active(lookupPoolByName(volume.pool()));
            volume(p, volume.name());
        }
    }

    @Override
    public void resizeVolume(VolumeRef volume, long capacity, Set<StorageVolumeResizeFlag> flags) {
        synchronized (node) {
            TestPool p = active(lookupPoolByName(volume.pool()));
            StorageVolDef v = volume(p, volume.name());
            long target = capacity;
            if (flags.contains(StorageVolumeResizeFlag.DELTA)) {
                target = flags.contains(StorageVolumeResizeFlag.SHRINK) ? v.capacity() - capacity
                        : v.capacity() + capacity;
            }
            if (target < v.capacity() && !flags.contains(StorageVolumeResizeFlag.SHRINK)) {
                throw VirtException.invalidArg("Can't shrink capacity below current capacity unless shrink flag"
                        + " explicitly specified");
            }
            if (target < 0) {
                throw VirtException.invalidArg("Can't shrink capacity below zero");
            }
            long growth = flags.contains(StorageVolumeResizeFlag.ALLOCATE) ? target - v.allocation() : 0;
            if (growth > 0 && p.allocation() + growth > p.capacity) {
                throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: Not enough space left in"
                        + " storage pool");
            }
            v.setCapacity(target);
            if (flags.contains(StorageVolumeResizeFlag.ALLOCATE) || v.allocation() > target) {
                v.setAllocation(target);
            }
        }
    }

    @Override
    public StorageVolumeInfo volumeInfo(VolumeRef volume) {
        synchronized (node) {
            TestPool p = active(lookupPoolByName(volume.pool()));
            StorageVolDef v = volume(p, volume.name());
            return new StorageVolumeInfo(StorageVolumeType.FILE, v.capacity(), v.allocation());
        }
    }

    @Override
    public String volumeXml(VolumeRef volume) {
        synchronized (node) {
            TestPool p = active(lookupPoolByName(volume.pool()));
            return volume(p, volume.name()).format();
        }
    }

    @Override
    public String volumePath(VolumeRef volume) {
        synchronized (node) {
            TestPool p = active(lookupPoolByName(volume.pool()));
            return volume(p, volume.name()).targetPath();
        }
    }
}
