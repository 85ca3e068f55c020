package org.virtlayer.shell.internal.network;

import org.virtlayer.api.Connection;
import org.virtlayer.shell.internal.ObjectLookup;

/** virsh's {@code net-uuid} (from the name) and {@code net-name} (from the UUID). */
public final class NetworkIdentifiers {
    private final Connection conn;

    public NetworkIdentifiers(Connection conn) {
        this.conn = conn;
    }

    public String uuid(String name) {
        return ObjectLookup.NETWORK.byName(conn, name).uuid().toString();
    }

    public String name(String uuid) {
        return ObjectLookup.NETWORK.byUuid(conn, uuid).name();
    }
}
