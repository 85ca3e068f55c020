package org.virtlayer.shell.internal.storage;

import org.virtlayer.api.Connection;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.StoragePool;
import org.virtlayer.api.StorageVolume;
import org.virtlayer.api.VirtException;
import org.virtlayer.shell.internal.CommandFailure;
import org.virtlayer.shell.internal.ObjectLookup;

/**
 * Finds the volume a command names as virsh does: by name in the pool when {@code --pool} is given, else (or if that
 * fails) by key, then by path.
 */
public final class VolumeResolver {
    private VolumeResolver() {
    }

    public static StorageVolume resolve(Connection c, String text, String poolName) {
        StoragePool pool = poolName == null ? null : ObjectLookup.POOL.resolve(c, poolName);
        // a command that takes --pool suggests it when the volume is not found without it
        String hint = poolName == null ? ", specifying --pool might help" : "";
        if (pool != null) {
            try {
                return pool.lookupVolumeByName(text);
            } catch (VirtException e) {
                notFoundOrThrow(text, hint, e);
            }
        }
        return byKeyOrPath(c, text, hint);
    }

    /** By key, then by path, for the commands that take no {@code --pool}: {@code vol-name}, {@code vol-pool}. */
    public static StorageVolume byKeyOrPath(Connection c, String text) {
        return byKeyOrPath(c, text, "");
    }

    private static StorageVolume byKeyOrPath(Connection c, String text, String hint) {
        try {
            return c.lookupStorageVolumeByKey(text);
        } catch (VirtException e) {
            notFoundOrThrow(text, hint, e);
        }
        try {
            return c.lookupStorageVolumeByPath(text);
        } catch (VirtException e) {
            notFoundOrThrow(text, hint, e);
            throw failure(text, hint, e);
        }
    }

    private static void notFoundOrThrow(String text, String hint, VirtException e) {
        if (e.code() != ErrorCode.NO_STORAGE_VOL) {
            throw failure(text, hint, e);
        }
    }

    private static CommandFailure failure(String text, String hint, VirtException e) {
        return new CommandFailure("failed to get vol '" + text + "'" + hint, e);
    }
}
