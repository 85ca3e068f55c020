package org.virtlayer.linux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The network interfaces of a namespace with their counters, as {@code /proc/thread-self/net/dev} shows them to a
 * thread inside it ({@link NetNamespaces}); {@code /sys/class/net} would show the namespace of whoever mounted
 * {@code /sys}, not the one asked about.
 */
public final class NetDevices {
    /** Counters of one interface, as the interface itself counts: what it received and what it sent. */
    public record Counters(long rxBytes, long rxPackets, long rxErrors, long rxDropped, long txBytes, long txPackets,
            long txErrors, long txDropped) {
    }

    private NetDevices() {
    }

    /** Every interface of the namespace (null: the JVM's own) by name. */
    public static Map<String, Counters> of(String namespace) {
        return NetNamespaces.call(namespace, () -> parse(Files.readAllLines(Path.of("/proc/thread-self/net/dev"))));
    }

    /** True if the namespace (null: the JVM's own) has an interface of that name. */
    public static boolean exists(String namespace, String name) {
        try {
            return of(namespace).containsKey(name);
        } catch (LinuxException e) {
            return false;
        }
    }

    static Map<String, Counters> parse(Iterable<String> lines) {
        Map<String, Counters> out = new HashMap<>();
        for (String l : lines) {
            int colon = l.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String[] f = l.substring(colon + 1).trim().split("\\s+");
            if (f.length < 12) {
                continue;
            }
            // receive: bytes packets errs drop fifo frame compressed multicast; transmit: bytes packets errs drop ...
            out.put(l.substring(0, colon).strip(), new Counters(n(f[0]), n(f[1]), n(f[2]), n(f[3]), n(f[8]),
                    n(f[9]), n(f[10]), n(f[11])));
        }
        return out;
    }

    private static long n(String s) {
        return Long.parseLong(s);
    }
}
