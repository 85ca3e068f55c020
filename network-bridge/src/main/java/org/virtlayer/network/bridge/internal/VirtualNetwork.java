package org.virtlayer.network.bridge.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.virtlayer.spi.NetworkPort;
import org.virtlayer.spi.NetworkRef;
import org.virtlayer.spi.NetworkSummary;
import org.virtlayer.xml.NetworkDef;

/**
 * One network of the node: its persistent definition, and while it runs its live definition, its dnsmasq and the
 * ports of the guests plugged into it. Guarded by the networks' lock.
 */
final class VirtualNetwork {
    /** The definition in force: the live one while active. */
    NetworkDef def;
    /** The persistent definition (the same object as {@code def} unless it changed while the network ran). */
    NetworkDef persistentDef;
    boolean active;
    boolean persistent;
    boolean autostart;
    /** The running dnsmasq's pid, or 0. */
    long dnsmasqPid;
    final Map<UUID, NetworkPort> ports = new LinkedHashMap<>();

    VirtualNetwork(NetworkDef def, boolean persistent) {
        this.def = def;
        this.persistentDef = def;
        this.persistent = persistent;
    }

    String name() {
        return def.name();
    }

    NetworkRef ref() {
        return new NetworkRef(def.name(), def.uuid());
    }

    NetworkSummary summary() {
        return new NetworkSummary(ref(), active, persistent, autostart);
    }
}
