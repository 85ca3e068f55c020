package org.virtlayer.driver.test.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.virtlayer.spi.PoolRef;
import org.virtlayer.spi.PoolSummary;
import org.virtlayer.xml.StoragePoolDef;
import org.virtlayer.xml.StorageVolDef;

/** One storage pool of a test node and its volumes. Guarded by the node's lock. */
final class TestPool {
    /** libvirt's test pools are 100 GiB unless their XML says otherwise. */
    static final long DEFAULT_CAPACITY = 100L * 1024 * 1024 * 1024;

    StoragePoolDef def;
    boolean active;
    boolean persistent;
    boolean autostart;
    long capacity;
    final Map<String, StorageVolDef> volumes = new LinkedHashMap<>();

    TestPool(StoragePoolDef def, boolean persistent) {
        this.def = def;
        this.persistent = persistent;
        String cap = def.root().childText("capacity");
        long c = cap == null ? 0 : Long.parseLong(cap);
        this.capacity = c > 0 ? c : DEFAULT_CAPACITY;
    }

    PoolRef ref() {
        return new PoolRef(def.name(), def.uuid(), def.type());
    }

    PoolSummary summary() {
        return new PoolSummary(ref(), active, persistent, autostart);
    }

    long allocation() {
        long a = 0;
        for (StorageVolDef v : volumes.values()) {
            a += v.allocation();
        }
        return a;
    }

    /** The pool's XML with its current sizes. */
    String xml(boolean inactive) {
        long alloc = allocation();
        def.setSizes(capacity, alloc, Math.max(0, capacity - alloc));
        return def.format(inactive);
    }

    String volumePath(String name) {
        String target = def.targetPath();
        return (target == null ? "" : target) + "/" + name;
    }
}
