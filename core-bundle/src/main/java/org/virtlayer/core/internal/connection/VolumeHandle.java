package org.virtlayer.core.internal.connection;

import java.io.InputStream;
import java.io.OutputStream;
import org.virtlayer.api.Connection;
import org.virtlayer.api.StoragePool;
import org.virtlayer.api.StorageVolume;
import org.virtlayer.api.StorageVolumeInfo;
import org.virtlayer.api.StorageVolumeResizeFlag;
import org.virtlayer.api.VirtException;
import org.virtlayer.core.internal.calls.Operation;
import org.virtlayer.spi.PoolRef;
import org.virtlayer.spi.VolumeRef;

/** A volume handle: its pool is known, so calls reach the backend of the pool's type. */
final class VolumeHandle implements StorageVolume {
    private final ConnectionImpl conn;
    private final VolumeRef ref;
    private final PoolRef pool;

    VolumeHandle(ConnectionImpl conn, VolumeRef ref, PoolRef pool) {
        this.conn = conn;
        this.ref = ref;
        this.pool = pool;
    }

    VolumeRef ref() {
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
    public String key() {
        return ref.key();
    }

    @Override
    public StoragePool pool() {
        return conn.poolHandle(pool);
    }

    @Override
    public String path() {
        return r(Operation.STORAGE_VOL_GET_PATH).volumePath(ref);
    }

    @Override
    public StorageVolumeInfo info() {
        return r(Operation.STORAGE_VOL_GET_INFO).volumeInfo(ref);
    }

    @Override
    public String xml() {
        return r(Operation.STORAGE_VOL_GET_XML_DESC).volumeXml(ref);
    }

    @Override
    public void delete() {
        r(Operation.STORAGE_VOL_DELETE).deleteVolume(ref);
    }

    @Override
    public void wipe() {
        r(Operation.STORAGE_VOL_WIPE).wipeVolume(ref);
    }

    @Override
    public void resize(long capacity, StorageVolumeResizeFlag... flags) {
        r(Operation.STORAGE_VOL_RESIZE).resizeVolume(ref, capacity, Flags.of(flags));
    }

    @Override
    public void upload(InputStream source, long offset, long length) {
        if (source == null || offset < 0 || length < 0) {
            throw VirtException.invalidArg("upload needs a stream and a non-negative offset and length");
        }
        r(Operation.STORAGE_VOL_UPLOAD).uploadVolume(ref, source, offset, length);
    }

    @Override
    public void download(OutputStream sink, long offset, long length) {
        if (sink == null || offset < 0 || length < 0) {
            throw VirtException.invalidArg("download needs a stream and a non-negative offset and length");
        }
        r(Operation.STORAGE_VOL_DOWNLOAD).downloadVolume(ref, sink, offset, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VolumeHandle && ((VolumeHandle) o).conn == conn && ((VolumeHandle) o).ref.equals(ref);
    }

    @Override
    public int hashCode() {
        return ref.hashCode();
    }

    @Override
    public String toString() {
        return "StorageVolume[" + ref.pool() + "/" + ref.name() + "]";
    }
}
