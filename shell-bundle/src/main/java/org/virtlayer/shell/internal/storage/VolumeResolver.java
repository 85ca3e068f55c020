package org.virtlayer.shell.internal.storage;

import org.virtlayer.api.Connection;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.StoragePool;
import org.virtlayer.api.StorageVolume;
import org.virtlayer.api.VirtException;
import org.virtlayer.shell.internal.CommandFailure;

/**
 * Finds the volume a command names as virsh does: by name in the pool when {@code --pool} is given, else (or if that
 * fails) by key, then by path.
 */
public final class VolumeResolver {
    private VolumeResolver() {
    }

    public static StorageVolume resolve(Connection c, String text, String poolName) {
        StoragePool pool = poolName == null ? null : PoolResolver.resolve(c, poolName);
        VirtException last = null;
        if (pool != null) {
            try {
                return pool.lookupVolumeByName(text);
            } catch (VirtException e) {
                last = notFoundOrThrow(text, poolName, e);
            }
        }
        try {
            return c.lookupStorageVolumeByKey(text);
        } catch (VirtException e) {
            last = notFoundOrThrow(text, poolName, e);
        }
        try {
            return c.lookupStorageVolumeByPath(text);
        } catch (VirtException e) {
            last = notFoundOrThrow(text, poolName, e);
        }
        throw failure(text, poolName, last);
    }

    private static VirtException notFoundOrThrow(String text, String poolName, VirtException e) {
        if (e.code() != ErrorCode.NO_STORAGE_VOL) {
            throw failure(text, poolName, e);
        }
        return e;
    }

    private static CommandFailure failure(String text, String poolName, VirtException e) {
        return new CommandFailure("failed to get vol '" + text + "'"
                + (poolName == null ? ", specifying --pool might help" : ""), e);
    }
}
