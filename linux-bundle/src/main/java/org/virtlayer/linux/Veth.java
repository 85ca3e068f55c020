package org.virtlayer.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where veth pairs are made and removed: a virtual cable whose host end (optionally a port of a bridge) stays here
 * and whose other end is created directly inside another process's network namespace, with its final name and MAC
 * address; the host end may itself be made in a named namespace, where a network backend keeps its bridges.
 * iproute2's {@code ip(8)} does the netlink work, all of one pair's commands in one {@code ip -batch} run.
 * Counters of a host end in the JVM's namespace are read from {@code /sys/class/net/NAME/statistics}; in another,
 * from {@link NetDevices}; the bridge of a host end in another namespace, from {@code ip -n}.
 */
public final class Veth {
    private static final List<String> COUNTERS = List.of("rx_bytes", "rx_packets", "rx_errors", "rx_dropped",
            "tx_bytes", "tx_packets", "tx_errors", "tx_dropped");
    /** {@code ip -o link show}: "... mtu 1500 qdisc noqueue master br0 state UP ...". */
    private static final Pattern MASTER = Pattern.compile(" master (\\S+) ");

    private Veth() {
    }

    /** The end inside a namespace: its name there, its MAC address (null: the kernel's), the namespace's process. */
    public record Peer(String name, String mac, int netnsPid) {
    }

    /** An address of the host end, {@code address/prefix}, with the other side of a point-to-point link or null. */
    public record Address(String address, int prefix, String peer) {
    }

    /** A route through the host end: {@code destination/prefix} (prefix 0: the default route), via a gateway or not. */
    public record Route(String destination, int prefix, String gateway) {
    }

    /**
     * The host end: its name, the network namespace it is made in ({@code ip netns} name, null for the JVM's own: a
     * network backend may keep its bridges in one, see {@code NetworkPort.namespace}), its MAC address (null: the
     * kernel's), MTU (0: the kernel's) and the bridge it joins (null: none).
     */
    public record HostEnd(String name, String namespace, String mac, int mtu, String bridge) {
        /** A host end in the JVM's namespace with the kernel's address and MTU. */
        public static HostEnd of(String name, String bridge) {
            return new HostEnd(name, null, null, 0, bridge);
        }
    }

    /**
     * Creates the pair and brings the host end up, as a port of its bridge when it has one (else with its own
     * addresses and routes, libvirt's {@code <interface type='ethernet'><source><ip/><route/>}). The other end is made
     * directly in the peer's namespace, so it never appears in the host end's.
     *
     * @throws LinuxException naming what {@code ip} said when it fails (a name in use, no such bridge)
     */
    public static void create(HostEnd host, Peer peer, List<Address> addresses, List<Route> routes) {
        String hostName = IpBatch.name(host.name());
        IpBatch.name(peer.name());
        StringBuilder batch = new StringBuilder();
        batch.append("link add ").append(hostName);
        if (host.mac() != null) {
            batch.append(" address ").append(IpBatch.address(host.mac()));
        }
        if (host.mtu() > 0) {
            batch.append(" mtu ").append(host.mtu());
        }
        batch.append(" type veth peer name ").append(peer.name());
        if (peer.mac() != null) {
            batch.append(" address ").append(IpBatch.address(peer.mac()));
        }
        if (host.mtu() > 0) {
            batch.append(" mtu ").append(host.mtu());
        }
        batch.append(" netns ").append(peer.netnsPid()).append('\n');
        batch.append("link set dev ").append(hostName);
        if (host.bridge() != null) {
            batch.append(" master ").append(IpBatch.name(host.bridge()));
        }
        batch.append(" up\n");
        for (Address a : addresses) {
            batch.append("addr add ").append(IpBatch.address(a.address())).append('/').append(a.prefix());
            if (a.peer() != null) {
                batch.append(" peer ").append(IpBatch.address(a.peer()));
            }
            batch.append(" dev ").append(hostName).append('\n');
        }
        for (Route r : routes) {
            // a batch line takes no option such as -6: ip tells the family from the addresses
            batch.append("route add ")
                    .append(r.prefix() == 0 ? "default" : IpBatch.address(r.destination()) + "/" + r.prefix());
            if (r.gateway() != null) {
                batch.append(" via ").append(IpBatch.address(r.gateway()));
            }
            batch.append(" dev ").append(hostName).append('\n');
        }
        IpBatch.run(host.namespace(), batch.toString());
    }

    /** Creates the pair, its host end in the JVM's namespace, as a port of {@code bridge} or with its own addresses. */
    public static void create(String hostName, Peer peer, String bridge, List<Address> addresses,
            List<Route> routes) {
        create(HostEnd.of(hostName, bridge), peer, addresses, routes);
    }

    /** Creates a pair with nothing but a bridge (or none) on the host end. */
    public static void create(String hostName, Peer peer, String bridge) {
        create(HostEnd.of(hostName, bridge), peer, List.of(), List.of());
    }

    /**
     * Removes a pair by its host end (the other end goes with it); absent is fine, and an interface that is not one
     * end of a pair (its {@code iflink} is itself: a physical NIC, a bridge) is never removed.
     */
    public static void delete(String hostName) {
        IpBatch.name(hostName);
        if (exists(hostName) && isPairEnd(hostName)) {
            try {
                IpBatch.run(null, "link del dev " + hostName + "\n");
            } catch (LinuxException e) {
                if (exists(hostName)) {
                    throw e;
                }
                // it went away meanwhile: its namespace closed
            }
        }
    }

    /**
     * Removes a pair by its host end in a named namespace (null: as {@link #delete(String)}); absent is fine. Only
     * ever given the names of host ends this process made there.
     */
    public static void delete(String namespace, String hostName) {
        if (namespace == null) {
            delete(hostName);
            return;
        }
        IpBatch.name(hostName);
        if (NetDevices.exists(namespace, hostName)) {
            try {
                IpBatch.run(namespace, "link del dev " + hostName + "\n");
            } catch (LinuxException e) {
                if (NetDevices.exists(namespace, hostName)) {
                    throw e;
                }
                // it went away meanwhile: the container's namespace closed
            }
        }
    }

    private static boolean isPairEnd(String name) {
        try {
            Path dir = Path.of("/sys/class/net", name);
            return !Files.readString(dir.resolve("iflink")).strip().equals(Files.readString(dir.resolve("ifindex"))
                    .strip());
        } catch (IOException e) {
            return false;
        }
    }

    /** True if this network namespace has an interface of that name. */
    public static boolean exists(String name) {
        return Files.exists(Path.of("/sys/class/net", name));
    }

    /** An interface counter such as {@code rx_bytes} or {@code tx_packets}, if the interface exists. */
    public static OptionalLong counter(String name, String counter) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(
                    Path.of("/sys/class/net", name, "statistics", counter)).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The bridge an interface is a port of, or null. */
    public static String bridgeOf(String name) {
        try {
            return Files.readSymbolicLink(Path.of("/sys/class/net", name, "master")).getFileName().toString();
        } catch (IOException e) {
            return null;
        }
    }

    /** True if the namespace ({@code ip netns} name; null: the JVM's own) has an interface of that name. */
    public static boolean exists(String namespace, String name) {
        return namespace == null ? exists(name) : NetDevices.exists(namespace, name);
    }

    /**
     * An interface counter in a namespace (null: the JVM's own, as {@link #counter(String, String)}), if the
     * interface exists there. Another namespace's counters are those {@link NetDevices} reads: {@code rx_bytes},
     * {@code rx_packets}, {@code rx_errors}, {@code rx_dropped} and the same four {@code tx_}.
     *
     * @throws IllegalArgumentException for another counter in another namespace
     */
    public static OptionalLong counter(String namespace, String name, String counter) {
        if (namespace == null) {
            return counter(name, counter);
        }
        if (!COUNTERS.contains(counter)) {
            throw new IllegalArgumentException("counter '" + counter + "' is not one of " + COUNTERS);
        }
        NetDevices.Counters c;
        try {
            c = NetDevices.of(namespace).get(name);
        } catch (LinuxException e) {
            return OptionalLong.empty();
        }
        if (c == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(switch (counter) {
            case "rx_bytes" -> c.rxBytes();
            case "rx_packets" -> c.rxPackets();
            case "rx_errors" -> c.rxErrors();
            case "rx_dropped" -> c.rxDropped();
            case "tx_bytes" -> c.txBytes();
            case "tx_packets" -> c.txPackets();
            case "tx_errors" -> c.txErrors();
            default -> c.txDropped();
        });
    }

    /**
     * The bridge an interface of a namespace (null: the JVM's own, as {@link #bridgeOf(String)}) is a port of, or
     * null (no such interface, no bridge). Asked of {@code ip -n}: this process's {@code /sys} shows its own namespace.
     */
    public static String bridgeOf(String namespace, String name) {
        if (namespace == null) {
            return bridgeOf(name);
        }
        String link;
        try {
            link = IpBatch.query(namespace, "-o", "link", "show", "dev", IpBatch.name(name));
        } catch (LinuxException e) {
            return null;
        }
        Matcher m = MASTER.matcher(link);
        return m.find() ? m.group(1) : null;
    }
}
