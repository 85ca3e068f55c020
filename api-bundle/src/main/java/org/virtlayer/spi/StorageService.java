package org.virtlayer.spi;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.osgi.annotation.versioning.ConsumerType;
import org.virtlayer.api.StoragePoolBuildFlag;
import org.virtlayer.api.StoragePoolDeleteFlag;
import org.virtlayer.api.StoragePoolInfo;
import org.virtlayer.api.StoragePoolListFlag;
import org.virtlayer.api.StorageVolumeCreateFlag;
import org.virtlayer.api.StorageVolumeInfo;
import org.virtlayer.api.StorageVolumeResizeFlag;
import org.virtlayer.api.VirtException;

/** Storage pools and volumes, libvirt's {@code virStorageDriver}. */
@ConsumerType
public interface StorageService extends AutoCloseable {
    List<PoolSummary> listPools(Set<StoragePoolListFlag> flags);

    PoolRef lookupPoolByName(String name);

    PoolRef lookupPoolByUuid(UUID uuid);

    PoolSummary poolSummary(PoolRef pool);

    default PoolRef definePool(String xml) {
        throw VirtException.noSupport("virStoragePoolDefineXML");
    }

    default PoolRef createPool(String xml, Set<StoragePoolBuildFlag> flags) {
        throw VirtException.noSupport("virStoragePoolCreateXML");
    }

    default void buildPool(PoolRef pool, Set<StoragePoolBuildFlag> flags) {
        throw VirtException.noSupport("virStoragePoolBuild");
    }

    default void startPool(PoolRef pool) {
        throw VirtException.noSupport("virStoragePoolCreate");
    }

    default void destroyPool(PoolRef pool) {
        throw VirtException.noSupport("virStoragePoolDestroy");
    }

    default void deletePool(PoolRef pool, Set<StoragePoolDeleteFlag> flags) {
        throw VirtException.noSupport("virStoragePoolDelete");
    }

    default void undefinePool(PoolRef pool) {
        throw VirtException.noSupport("virStoragePoolUndefine");
    }

    default void refreshPool(PoolRef pool) {
        throw VirtException.noSupport("virStoragePoolRefresh");
    }

    default StoragePoolInfo poolInfo(PoolRef pool) {
        throw VirtException.noSupport("virStoragePoolGetInfo");
    }

    default String poolXml(PoolRef pool, boolean inactive) {
        throw VirtException.noSupport("virStoragePoolGetXMLDesc");
    }

    default void setPoolAutostart(PoolRef pool, boolean autostart) {
        throw VirtException.noSupport("virStoragePoolSetAutostart");
    }

    default List<VolumeRef> listVolumes(PoolRef pool) {
        throw VirtException.noSupport("virStoragePoolListAllVolumes");
    }

    default VolumeRef lookupVolumeByName(PoolRef pool, String name) {
        throw VirtException.noSupport("virStorageVolLookupByName");
    }

    /** The volume with this path, or null if no pool of this service holds it. */
    default VolumeRef lookupVolumeByPath(String path) {
        return null;
    }

    /** The volume with this key, or null if no pool of this service holds it. */
    default VolumeRef lookupVolumeByKey(String key) {
        return null;
    }

    default VolumeRef createVolume(PoolRef pool, String xml, Set<StorageVolumeCreateFlag> flags) {
        throw VirtException.noSupport("virStorageVolCreateXML");
    }

    default VolumeRef createVolumeFrom(PoolRef pool, String xml, VolumeRef source, Set<StorageVolumeCreateFlag> flags) {
        throw VirtException.noSupport("virStorageVolCreateXMLFrom");
    }

    default void deleteVolume(VolumeRef volume) {
        throw VirtException.noSupport("virStorageVolDelete");
    }

    default void wipeVolume(VolumeRef volume) {
        throw VirtException.noSupport("virStorageVolWipe");
    }

    default void resizeVolume(VolumeRef volume, long capacity, Set<StorageVolumeResizeFlag> flags) {
        throw VirtException.noSupport("virStorageVolResize");
    }

    default StorageVolumeInfo volumeInfo(VolumeRef volume) {
        throw VirtException.noSupport("virStorageVolGetInfo");
    }

    default String volumeXml(VolumeRef volume) {
        throw VirtException.noSupport("virStorageVolGetXMLDesc");
    }

    default String volumePath(VolumeRef volume) {
        throw VirtException.noSupport("virStorageVolGetPath");
    }

    default void uploadVolume(VolumeRef volume, InputStream source, long offset, long length) {
        throw VirtException.noSupport("virStorageVolUpload");
    }

    default void downloadVolume(VolumeRef volume, OutputStream sink, long offset, long length) {
        throw VirtException.noSupport("virStorageVolDownload");
    }

    @Override
    default void close() {
    }
}
