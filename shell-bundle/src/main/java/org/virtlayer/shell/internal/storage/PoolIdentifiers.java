package org.virtlayer.shell.internal.storage;

import org.virtlayer.api.Connection;

/** virsh's {@code pool-uuid} (from the name) and {@code pool-name} (from the UUID). */
public final class PoolIdentifiers {
    private final Connection conn;

    public PoolIdentifiers(Connection conn) {
        this.conn = conn;
    }

    public String uuid(String name) {
        return PoolResolver.byName(conn, name).uuid().toString();
    }

    public String name(String uuid) {
        return PoolResolver.byUuid(conn, uuid).name();
    }
}
