package org.virtlayer.shell.internal.storage;

import org.virtlayer.api.Connection;
import org.virtlayer.api.StoragePool;
import org.virtlayer.api.StorageVolume;
import org.virtlayer.shell.internal.Attempt;

/**
 * virsh's {@code vol-key} (from the name in {@code --pool}, or the path), {@code vol-name} and {@code vol-pool} (from
 * the key or path).
 */
public final class VolumeIdentifiers {
    private final Connection conn;

    public VolumeIdentifiers(Connection conn) {
        this.conn = conn;
    }

    public String key(String nameOrPath, String poolName) {
        return VolumeResolver.resolve(conn, nameOrPath, poolName).key();
    }

    public String name(String keyOrPath) {
        return VolumeResolver.byKeyOrPath(conn, keyOrPath).name();
    }

    /** The pool holding the volume: its name, or with {@code uuid} its UUID. */
    public String pool(String keyOrPath, boolean uuid) {
        StorageVolume v = VolumeResolver.byKeyOrPath(conn, keyOrPath);
        StoragePool p = Attempt.get("failed to get parent pool", v::pool);
        return uuid ? p.uuid().toString() : p.name();
    }
}
