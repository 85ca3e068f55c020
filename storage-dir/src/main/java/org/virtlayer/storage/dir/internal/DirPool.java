package org.virtlayer.storage.dir.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.virtlayer.spi.PoolRef;
import org.virtlayer.spi.PoolSummary;
import org.virtlayer.xml.StoragePoolDef;

/** One dir pool and, while it is active, its volumes. Guarded by the pools' lock. */
final class DirPool {
    StoragePoolDef def;
    boolean active;
    boolean persistent;
    boolean autostart;
    /** Volume operations running now outside the lock (create, clone, delete, upload, ...): the pool must not stop. */
    int asyncJobs;
    final Map<String, DirVolume> volumes = new TreeMap<>();
    final RecordedFormats formats;

    DirPool(StoragePoolDef def, boolean persistent, RecordedFormats formats) {
        this.def = def;
        this.persistent = persistent;
        this.formats = formats;
    }

    String name() {
        return def.name();
    }

    Path folder() {
        return Path.of(def.targetPath());
    }

    PoolRef ref() {
        return new PoolRef(def.name(), def.uuid(), def.type());
    }

    PoolSummary summary() {
        return new PoolSummary(ref(), active, persistent, autostart);
    }
}
