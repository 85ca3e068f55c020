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

    /** One end inside a namespace: its name there, its MAC address (null: the kernel's), and the namespace's process. */
    public record Peer(String name, String mac, int netnsPid) {
    }

    /**
     * Creates the pair and brings the host end up, as a port of {@code bridge} when one is given.
     *
     * @throws LinuxException naming what {@code ip} said when it fails (a name in use, no such bridge)
     */
    public static void create(String hostName, Peer peer, String bridge) {
        checkName(hostName);
        checkName(peer.name());
        StringBuilder batch = new StringBuilder();
        batch.append("link add ").append(hostName).append(" type veth peer name ").append(peer.name());
        if (peer.mac() != null) {
            batch.append(" address ").append(peer.mac());
        }
        batch.append(" netns ").append(peer.netnsPid()).append('\n');
        batch.append("link set dev ").append(hostName);
        if (bridge != null) {
            checkName(bridge);
            batch.append(" master ").append(bridge);
        }
        batch.append(" up\n");
        ip(batch.toString());
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
