package org.virtlayer.linux;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Where veth pairs are made and removed: a virtual cable whose host end (optionally a port of a bridge) stays here
 * and whose other end is created directly inside another process's network namespace, with its final name and MAC
 * address. iproute2's {@code ip(8)} does the netlink work, all of one pair's commands in one {@code ip -batch} run.
 * Counters are read from {@code /sys/class/net/NAME/statistics}.
 */
public final class Veth {
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
     * Creates the pair and brings the host end up, as a port of {@code bridge} when one is given (else with its own
     * addresses and routes, libvirt's {@code <interface type='ethernet'><source><ip/><route/>}).
     *
     * @throws LinuxException naming what {@code ip} said when it fails (a name in use, no such bridge)
     */
    public static void create(String hostName, Peer peer, String bridge, List<Address> addresses,
            List<Route> routes) {
        checkName(hostName);
        checkName(peer.name());
        StringBuilder batch = new StringBuilder();
        batch.append("link add ").append(hostName).append(" type veth peer name ").append(peer.name());
        if (peer.mac() != null) {
            batch.append(" address ").append(word(peer.mac()));
        }
        batch.append(" netns ").append(peer.netnsPid()).append('\n');
        batch.append("link set dev ").append(hostName);
        if (bridge != null) {
            checkName(bridge);
            batch.append(" master ").append(bridge);
        }
        batch.append(" up\n");
        for (Address a : addresses) {
            batch.append("addr add ").append(word(a.address())).append('/').append(a.prefix());
            if (a.peer() != null) {
                batch.append(" peer ").append(word(a.peer()));
            }
            batch.append(" dev ").append(hostName).append('\n');
        }
        for (Route r : routes) {
            // a batch line takes no option such as -6: ip tells the family from the addresses
            batch.append("route add ")
                    .append(r.prefix() == 0 ? "default" : word(r.destination()) + "/" + r.prefix());
            if (r.gateway() != null) {
                batch.append(" via ").append(word(r.gateway()));
            }
            batch.append(" dev ").append(hostName).append('\n');
        }
        ip(batch.toString());
    }

    /** Creates a pair with nothing but a bridge (or none) on the host end. */
    public static void create(String hostName, Peer peer, String bridge) {
        create(hostName, peer, bridge, List.of(), List.of());
    }

    /** An address or MAC as one batch word: nothing but what those are made of. */
    private static String word(String w) {
        if (w == null || !w.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("invalid address '" + w + "'");
        }
        return w;
    }

    /**
     * Removes a pair by its host end (the other end goes with it); absent is fine, and an interface that is not one
     * end of a pair (its {@code iflink} is itself: a physical NIC, a bridge) is never removed.
     */
    public static void delete(String hostName) {
        checkName(hostName);
        if (exists(hostName) && isPairEnd(hostName)) {
            try {
                ip("link del dev " + hostName + "\n");
            } catch (LinuxException e) {
                if (exists(hostName)) {
                    throw e;
                }
                // it went away meanwhile: its namespace closed
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

    private static void checkName(String n) {
        // IFNAMSIZ is 16 with the NUL; ip(8) batch lines are split on blanks
        if (n == null || n.isEmpty() || n.length() > 15 || !n.matches("[A-Za-z0-9_.:@-]+")) {
            throw new IllegalArgumentException("invalid interface name '" + n + "'");
        }
    }

    private static void ip(String batch) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Files.isExecutable(Path.of("/usr/sbin/ip")) ? "/usr/sbin/ip" : "/sbin/ip");
        cmd.add("-batch");
        cmd.add("-");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(batch.getBytes(StandardCharsets.US_ASCII));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new LinuxException("ip -batch: no answer within 10 s", Syscalls.ETIMEDOUT);
            }
            if (p.exitValue() != 0) {
                throw new LinuxException("ip -batch (" + batch.strip().replace('\n', ';') + "): " + out,
                        Syscalls.EINVAL);
            }
        } catch (IOException e) {
            throw new LinuxException("cannot run " + cmd.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinuxException("interrupted running ip", Syscalls.EINTR);
        }
    }
}
