package org.virtlayer.shell.internal;

import java.util.UUID;
import java.util.function.BiFunction;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.Network;
import org.virtlayer.api.StoragePool;
import org.virtlayer.api.VirtException;

/**
 * Finds the network or pool a command names, as virsh does: by UUID if the text is one, else by name; or by name
 * only ({@code net-uuid}, {@code pool-uuid}), or by UUID only ({@code net-name}, {@code pool-name}). A miss is a
 * {@link CommandFailure} naming the object.
 *
 * @param <T> what is looked up
 */
public final class ObjectLookup<T> {
    public static final ObjectLookup<Network> NETWORK = new ObjectLookup<>("network", ErrorCode.NO_NETWORK,
            Connection::lookupNetworkByName, Connection::lookupNetworkByUuid);
    public static final ObjectLookup<StoragePool> POOL = new ObjectLookup<>("pool", ErrorCode.NO_STORAGE_POOL,
            Connection::lookupStoragePoolByName, Connection::lookupStoragePoolByUuid);

    private final String noun;
    private final ErrorCode missing;
    private final BiFunction<Connection, String, T> byName;
    private final BiFunction<Connection, UUID, T> byUuid;

    private ObjectLookup(String noun, ErrorCode missing, BiFunction<Connection, String, T> byName,
            BiFunction<Connection, UUID, T> byUuid) {
        this.noun = noun;
        this.missing = missing;
        this.byName = byName;
        this.byUuid = byUuid;
    }

    public T resolve(Connection c, String text) {
        try {
            UUID uuid = uuidOrNull(text);
            if (uuid != null) {
                try {
                    return byUuid.apply(c, uuid);
                } catch (VirtException e) {
                    if (e.code() != missing) {
                        throw e;
                    }
                }
            }
            return byName.apply(c, text);
        } catch (VirtException e) {
            throw failure(text, e);
        }
    }

    public T byName(Connection c, String name) {
        try {
            return byName.apply(c, name);
        } catch (VirtException e) {
            throw failure(name, e);
        }
    }

    public T byUuid(Connection c, String text) {
        UUID uuid = uuidOrNull(text);
        if (uuid == null) {
            throw new CommandFailure("failed to get " + noun + " '" + text + "': not a UUID");
        }
        try {
            return byUuid.apply(c, uuid);
        } catch (VirtException e) {
            throw failure(text, e);
        }
    }

    private CommandFailure failure(String text, VirtException e) {
        return new CommandFailure("failed to get " + noun + " '" + text + "'", e);
    }

    /** The UUID the text is in its 36-character form, or null: a name that merely parses is not taken for one. */
    public static UUID uuidOrNull(String text) {
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
