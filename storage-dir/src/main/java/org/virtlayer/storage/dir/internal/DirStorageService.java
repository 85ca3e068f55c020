package org.virtlayer.storage.dir.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.virtlayer.api.StoragePoolBuildFlag;
import org.virtlayer.api.StoragePoolDeleteFlag;
import org.virtlayer.api.StoragePoolInfo;
import org.virtlayer.api.StoragePoolListFlag;
import org.virtlayer.api.StorageVolumeCreateFlag;
import org.virtlayer.api.StorageVolumeInfo;
import org.virtlayer.api.StorageVolumeResizeFlag;
import org.virtlayer.spi.EventSink;
import org.virtlayer.spi.PoolRef;
import org.virtlayer.spi.PoolSummary;
import org.virtlayer.spi.StorageService;
import org.virtlayer.spi.VolumeRef;

/** One connection's view of the node's dir pools: every call goes to the shared pools; events go to its sink too. */
final class DirStorageService implements StorageService {
    private final DirPools pools;
    private final DirVolumes volumes;
    private final EventSink sink;

    DirStorageService(DirPools pools, DirVolumes volumes, EventSink sink) {
        this.pools = pools;
        this.volumes = volumes;
        this.sink = sink;
        pools.events.add(sink);
    }

    @Override
    public void close() {
        pools.events.remove(sink);
    }

    @Override
    public List<PoolSummary> listPools(Set<StoragePoolListFlag> flags) {
        return pools.list(flags);
    }

    @Override
    public PoolRef lookupPoolByName(String name) {
        return pools.lookupByName(name);
    }

    @Override
    public PoolRef lookupPoolByUuid(UUID uuid) {
        return pools.lookupByUuid(uuid);
    }

    @Override
    public PoolSummary poolSummary(PoolRef pool) {
        return pools.summary(pool);
    }

    @Override
    public PoolRef definePool(String xml) {
        return pools.define(xml);
    }

    @Override
    public PoolRef createPool(String xml, Set<StoragePoolBuildFlag> flags) {
        return pools.create(xml, flags);
    }

    @Override
    public void buildPool(PoolRef pool, Set<StoragePoolBuildFlag> flags) {
        pools.build(pool, flags);
    }

    @Override
    public void startPool(PoolRef pool) {
        pools.start(pool);
    }

    @Override
    public void destroyPool(PoolRef pool) {
        pools.destroy(pool);
    }

    @Override
    public void deletePool(PoolRef pool, Set<StoragePoolDeleteFlag> flags) {
        pools.delete(pool, flags);
    }

    @Override
    public void undefinePool(PoolRef pool) {
        pools.undefine(pool);
    }

    @Override
    public void refreshPool(PoolRef pool) {
        pools.refresh(pool);
    }

    @Override
    public StoragePoolInfo poolInfo(PoolRef pool) {
        return pools.info(pool);
    }

    @Override
    public String poolXml(PoolRef pool, boolean inactive) {
        return pools.xml(pool, inactive);
    }

    @Override
    public void setPoolAutostart(PoolRef pool, boolean autostart) {
        pools.setAutostart(pool, autostart);
    }

    @Override
    public List<VolumeRef> listVolumes(PoolRef pool) {
        return volumes.list(pool);
    }

    @Override
    public VolumeRef lookupVolumeByName(PoolRef pool, String name) {
        return volumes.lookupByName(pool, name);
    }

    @Override
    public VolumeRef lookupVolumeByPath(String path) {
        return volumes.lookupByPath(path);
    }

    /** A file volume's key is its path, as in libvirt. */
    @Override
    public VolumeRef lookupVolumeByKey(String key) {
        return volumes.lookupByPath(key);
    }

    @Override
    public VolumeRef createVolume(PoolRef pool, String xml, Set<StorageVolumeCreateFlag> flags) {
        return volumes.create(pool, xml, flags);
    }

    @Override
    public VolumeRef createVolumeFrom(PoolRef pool, String xml, VolumeRef source, Set<StorageVolumeCreateFlag> flags) {
        return volumes.createFrom(pool, xml, source, flags);
    }

    @Override
    public void deleteVolume(VolumeRef volume) {
        volumes.delete(volume);
    }

    @Override
    public void wipeVolume(VolumeRef volume) {
        volumes.wipe(volume);
    }

    @Override
    public void resizeVolume(VolumeRef volume, long capacity, Set<StorageVolumeResizeFlag> flags) {
        volumes.resize(volume, capacity, flags);
    }

    @Override
    public StorageVolumeInfo volumeInfo(VolumeRef volume) {
        return volumes.info(volume);
    }

    @Override
    public String volumeXml(VolumeRef volume) {
        return volumes.xml(volume);
    }

    @Override
    public String volumePath(VolumeRef volume) {
        return volumes.path(volume);
    }

    @Override
    public void uploadVolume(VolumeRef volume, InputStream source, long offset, long length) {
        volumes.upload(volume, source, offset, length);
    }

    @Override
    public void downloadVolume(VolumeRef volume, OutputStream sink, long offset, long length) {
        volumes.download(volume, sink, offset, length);
    }
}
