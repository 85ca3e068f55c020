package org.virtlayer.shell.internal.storage;

import java.util.UUID;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.StoragePool;
import org.virtlayer.api.VirtException;
import org.virtlayer.shell.internal.CommandFailure;

/** Finds the pool a command names: by UUID if it is one, else by name, as virsh does. */
public final class PoolResolver {
    private PoolResolver() {
    }

    public static StoragePool resolve(Connection c, String text) {
        try {
            UUID uuid = uuid(text);
            if (uuid != null) {
                try {
                    return c.lookupStoragePoolByUuid(uuid);
                } catch (VirtException e) {
                    if (e.code() != ErrorCode.NO_STORAGE_POOL) {
                        throw e;
                    }
                }
            }
            return c.lookupStoragePoolByName(text);
        } catch (VirtException e) {
            throw new CommandFailure("failed to get pool '" + text + "'", e);
        }
    }

    /** By name only, as virsh's {@code pool-uuid} looks it up. */
    public static StoragePool byName(Connection c, String name) {
        try {
            return c.lookupStoragePoolByName(name);
        } catch (VirtException e) {
            throw new CommandFailure("failed to get pool '" + name + "'", e);
        }
    }

    /** By UUID only, as virsh's {@code pool-name} looks it up. */
    public static StoragePool byUuid(Connection c, String text) {
        UUID uuid = uuid(text);
        if (uuid == null) {
            throw new CommandFailure("failed to get pool '" + text + "': not a UUID");
        }
        try {
            return c.lookupStoragePoolByUuid(uuid);
        } catch (VirtException e) {
            throw new CommandFailure("failed to get pool '" + text + "'", e);
        }
    }

    static UUID uuid(String text) {
        if (text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
