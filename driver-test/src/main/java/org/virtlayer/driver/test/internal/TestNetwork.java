package org.virtlayer.driver.test.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.virtlayer.spi.NetworkPort;
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
    /** The guest NICs plugged in while active; dropped when the network stops. */
    final Map<UUID, NetworkPort> ports = new LinkedHashMap<>();

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
