package org.virtlayer.network.bridge.internal;

import java.util.List;

/**
 * Turns on IP forwarding in the networks' namespace, which nat and route networks need. Like libvirt, it is never
 * turned off again: other networks or the administrator may rely on it.
 */
final class IpForwarding {
    private final HostCommands commands;

    IpForwarding(HostCommands commands) {
        this.commands = commands;
    }

    void enable(boolean v4, boolean v6) {
        if (v4) {
            write("/proc/sys/net/ipv4/ip_forward");
        }
        if (v6) {
            write("/proc/sys/net/ipv6/conf/all/forwarding");
        }
    }

    /** Through tee, so that the write happens in the networks' namespace, whose /proc/sys/net it sees. */
    private void write(String key) {
        commands.run(List.of("tee", key), "1\n");
    }
}
