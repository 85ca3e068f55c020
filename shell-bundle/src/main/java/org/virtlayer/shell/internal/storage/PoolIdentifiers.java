package org.virtlayer.shell.internal.storage;

import org.virtlayer.api.Connection;
import org.virtlayer.shell.internal.ObjectLookup;

/** virsh's {@code pool-uuid} (from the name) and {@code pool-name} (from the UUID). */
public final class PoolIdentifiers {
    private final Connection conn;

    public PoolIdentifiers(Connection conn) {
        this.conn = conn;
    }

    public String uuid(String name) {
        return ObjectLookup.POOL.byName(conn, name).uuid().toString();
    }

    public String name(String uuid) {
        return ObjectLookup.POOL.byUuid(conn, uuid).name();
    }
}
