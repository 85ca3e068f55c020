package org.virtlayer.network.bridge.internal;

import org.virtlayer.spi.MacAddresses;
import org.virtlayer.spi.NetworkPort;

/**
 * A guest's NIC plugged into a network the way docs/networks.md tells the LXC driver to do it: a veth pair whose host
 * end (MAC {@link MacAddresses#hostSideOf}) is enslaved to the port's bridge in the port's namespace, and whose guest
 * end (the port's MAC) sits in the guest's own network namespace. The guest here is a namespace with busybox's
 * DHCP client.
 */
final class GuestNic implements AutoCloseable {
    private static int next;

    final String guestNs;
    final String hostEnd;
    final NetworkPort port;

    GuestNic(NetworkPort port) {
        this.port = port;
        this.guestNs = Netns.create("vl-guest");
        synchronized (GuestNic.class) {
            this.hostEnd = "vlv" + (next++);
        }
        String ns = port.namespace();
        // made directly in the two namespaces: the host's own namespace never sees either end
        Netns.run("ip", "link", "add", hostEnd, "netns", ns, "address", MacAddresses.hostSideOf(port.mac()), "type",
                "veth", "peer", "name", "eth0", "netns", guestNs, "address", port.mac());
        Netns.exec(ns, "ip", "link", "set", "dev", hostEnd, "master", port.bridge(), "up");
        Netns.exec(guestNs, "ip", "link", "set", "dev", "eth0", "up");
    }

    /** Asks for an address with DHCP (busybox udhcpc) and returns the one leased. */
    String dhcp(String hostname) {
        String out = Netns.exec(guestNs, "busybox", "udhcpc", "-i", "eth0", "-n", "-q", "-t", "20", "-T", "1", "-s",
                "/bin/true", "-x", "hostname:" + hostname);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("lease of (\\S+) obtained").matcher(out);
        if (!m.find()) {
            throw new AssertionError("no lease: " + out);
        }
        return m.group(1);
    }

    @Override
    public void close() {
        Netns.delete(guestNs);
    }
}
