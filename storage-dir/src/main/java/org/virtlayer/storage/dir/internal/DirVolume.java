package org.virtlayer.storage.dir.internal;

import java.nio.file.Path;
import org.virtlayer.spi.VolumeRef;

/**
 * One volume of an active pool: a plain file directly in the pool's folder, in a known format. {@code users} and
 * {@code building} are guarded by the pools' lock; the cached image information by this object's own.
 */
final class DirVolume {
    final String name;
    final Path path;
    final String format;
    final String pool;

    /** Long operations reading or writing the volume now (upload, download, clone source, wipe, resize). */
    int users;
    /** The file is being made or removed: it is not a usable volume yet or any more. */
    boolean building;

    private ImageInfo info;
    private FileStamp stamp;

    DirVolume(String pool, String name, Path path, String format) {
        this.pool = pool;
        this.name = name;
        this.path = path;
        this.format = format;
    }

    VolumeRef ref() {
        String key = path.toString();
        return new VolumeRef(pool, name, key);
    }

    synchronized ImageInfo cached(FileStamp now) {
        return info != null && now != null && now.equals(stamp) ? info : null;
    }

    synchronized void remember(ImageInfo i, FileStamp s) {
        info = i;
        stamp = s;
    }
}
