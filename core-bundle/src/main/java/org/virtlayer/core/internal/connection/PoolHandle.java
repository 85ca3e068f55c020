package org.virtlayer.core.internal.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.virtlayer.api.Connection;
import org.virtlayer.api.StoragePool;
import org.virtlayer.api.StoragePoolBuildFlag;
import org.virtlayer.api.StoragePoolDeleteFlag;
import org.virtlayer.api.StoragePoolInfo;
import org.virtlayer.api.StorageVolume;
import org.virtlayer.api.StorageVolumeCreateFlag;
import org.virtlayer.api.VirtException;
import org.virtlayer.core.internal.calls.Operation;
import org.virtlayer.spi.PoolRef;
import org.virtlayer.spi.VolumeRef;

/** A storage pool handle; calls go through the connection's storage router to the backend of the pool's type. */
final class PoolHandle implements StoragePool {
    private final ConnectionImpl conn;
    private final PoolRef ref;

    PoolHandle(ConnectionImpl conn, PoolRef ref) {
        this.conn = conn;
        this.ref = ref;
    }

    PoolRef ref() {
        return ref;
    }

    private StorageRouter r(Operation op) {
        conn.checkAccess(op);
        return conn.storageRouter();
    }

    @Override
    public Connection connection() {
        return conn;
    }

    @Override
    public String name() {
        return ref.name();
    }

    @Override
    public UUID uuid() {
        return ref.uuid();
    }

    @Override
    public StoragePoolInfo info() {
        return r(Operation.STORAGE_POOL_GET_INFO).poolInfo(ref);
    }

    @Override
    public boolean isActive() {
        return r(Operation.STORAGE_POOL_IS_ACTIVE).poolSummary(ref).active();
    }

    @Override
    public boolean isPersistent() {
        return r(Operation.STORAGE_POOL_IS_PERSISTENT).poolSummary(ref).persistent();
    }

    @Override
    public boolean autostart() {
        return r(Operation.STORAGE_POOL_GET_AUTOSTART).poolSummary(ref).autostart();
    }

    @Override
    public String xml(boolean inactive) {
        return r(Operation.STORAGE_POOL_GET_XML_DESC).poolXml(ref, inactive);
    }

    @Override
    public void build(StoragePoolBuildFlag... flags) {
        r(Operation.STORAGE_POOL_BUILD).buildPool(ref, Flags.of(flags));
    }

    @Override
    public void start() {
        r(Operation.STORAGE_POOL_CREATE).startPool(ref);
    }

    @Override
    public void destroy() {
        r(Operation.STORAGE_POOL_DESTROY).destroyPool(ref);
    }

    @Override
    public void delete(StoragePoolDeleteFlag... flags) {
        r(Operation.STORAGE_POOL_DELETE).deletePool(ref, Flags.of(flags));
    }

    @Override
    public void undefine() {
        r(Operation.STORAGE_POOL_UNDEFINE).undefinePool(ref);
    }

    @Override
    public void refresh() {
        r(Operation.STORAGE_POOL_REFRESH).refreshPool(ref);
    }

    @Override
    public void setAutostart(boolean autostart) {
        r(Operation.STORAGE_POOL_SET_AUTOSTART).setPoolAutostart(ref, autostart);
    }

    @Override
    public List<StorageVolume> listVolumes() {
        List<StorageVolume> out = new ArrayList<>();
        for (VolumeRef v : r(Operation.STORAGE_POOL_LIST_ALL_VOLUMES).listVolumes(ref)) {
            out.add(conn.volumeHandle(v, ref));
        }
        return out;
    }

    @Override
    public StorageVolume lookupVolumeByName(String name) {
        return conn.volumeHandle(r(Operation.STORAGE_VOL_LOOKUP_BY_NAME).lookupVolumeByName(ref, name), ref);
    }

    @Override
    public StorageVolume createVolume(String xml, StorageVolumeCreateFlag... flags) {
        return conn.volumeHandle(r(Operation.STORAGE_VOL_CREATE_XML).createVolume(ref, xml,
                Flags.of(flags)), ref);
    }

    @Override
    public StorageVolume createVolumeFrom(String xml, StorageVolume source, StorageVolumeCreateFlag... flags) {
        if (!(source instanceof VolumeHandle) || source.connection() != conn) {
            throw VirtException.invalidArg("source volume does not belong to this connection");
        }
        return conn.volumeHandle(r(Operation.STORAGE_VOL_CREATE_XML_FROM).createVolumeFrom(ref, xml,
                ((VolumeHandle) source).ref(), Flags.of(flags)), ref);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PoolHandle && ((PoolHandle) o).conn == conn && ((PoolHandle) o).ref.uuid().equals(ref.uuid());
    }

    @Override
    public int hashCode() {
        return ref.uuid().hashCode();
    }

    @Override
    public String toString() {
        return "StoragePool[" + ref.name() + "]";
    }
}
