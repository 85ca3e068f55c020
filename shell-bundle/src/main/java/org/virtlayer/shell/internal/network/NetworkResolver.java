package org.virtlayer.shell.internal.network;

import java.util.UUID;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.Network;
import org.virtlayer.api.VirtException;
import org.virtlayer.shell.internal.CommandFailure;

/** Finds the network a command names: by UUID if it is one, else by name, as virsh does. */
public final class NetworkResolver {
    private NetworkResolver() {
    }

    public static Network resolve(Connection c, String text) {
        try {
            UUID uuid = uuid(text);
            if (uuid != null) {
                try {
                    return c.lookupNetworkByUuid(uuid);
                } catch (VirtException e) {
                    if (e.code() != ErrorCode.NO_NETWORK) {
                        throw e;
                    }
                }
            }
            return c.lookupNetworkByName(text);
        } catch (VirtException e) {
            throw new CommandFailure("failed to get network '" + text + "'", e);
        }
    }

    /** By name only, as virsh's {@code net-uuid} looks it up. */
    public static Network byName(Connection c, String name) {
        try {
            return c.lookupNetworkByName(name);
        } catch (VirtException e) {
            throw new CommandFailure("failed to get network '" + name + "'", e);
        }
    }

    /** By UUID only, as virsh's {@code net-name} looks it up. */
    public static Network byUuid(Connection c, String text) {
        UUID uuid = uuid(text);
        if (uuid == null) {
            throw new CommandFailure("failed to get network '" + text + "': not a UUID");
        }
        try {
            return c.lookupNetworkByUuid(uuid);
        } catch (VirtException e) {
            throw new CommandFailure("failed to get network '" + text + "'", e);
        }
    }

    private static UUID uuid(String text) {
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
