package org.virtlayer.driver.test.internal;

import org.virtlayer.spi.NetworkRef;
import org.virtlayer.spi.NetworkSummary;
import org.virtlayer.xml.NetworkDef;

/** One network of a test node; {@code def} is live while active. Guarded by the node's lock. */
final class TestNetwork {
    NetworkDef def;
    NetworkDef persistentDef;
    boolean active;
    boolean persistent;
    boolean autostart;

    TestNetwork(NetworkDef def, boolean persistent) {
        this.def = def;
        this.persistentDef = def;
        this.persistent = persistent;
    }

    NetworkRef ref() {
        return new NetworkRef(def.name(), def.uuid());
    }

    NetworkSummary summary() {
        return new NetworkSummary(ref(), active, persistent, autostart);
    }
}
