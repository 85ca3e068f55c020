package org.virtlayer.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The ID maps of a user namespace, written from outside by a privileged process: {@code /proc/PID/uid_map} and
 * {@code gid_map} take their whole content in one write, once. Until they are written, the processes of the new
 * namespace have no user at all in it.
 */
public final class UserNamespaces {
    /** IDs {@code start .. start+count-1} inside are {@code target ..} outside, as libvirt's {@code <idmap>}. */
    public record Range(long start, long target, long count) {
        public Range {
            if (start < 0 || target < 0 || count <= 0) {
                throw new IllegalArgumentException("invalid ID range " + start + " " + target + " " + count);
            }
        }

        /** The host ID that {@code inside} maps to, or -1 if outside this range. */
        public long hostId(long inside) {
            return inside >= start && inside < start + count ? target + (inside - start) : -1;
        }
    }

    private UserNamespaces() {
    }

    /** Writes both maps of the user namespace process {@code pid} lives in. */
    public static void writeMaps(int pid, List<Range> uids, List<Range> gids) {
        write(pid, "uid_map", uids);
        write(pid, "gid_map", gids);
    }

    private static void write(int pid, String file, List<Range> ranges) {
        StringBuilder sb = new StringBuilder();
        for (Range r : ranges) {
            sb.append(r.start()).append(' ').append(r.target()).append(' ').append(r.count()).append('\n');
        }
        Path p = Path.of("/proc", Integer.toString(pid), file);
        try {
            // one write(2): the kernel refuses a map given in pieces
            Files.write(p, sb.toString().getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new LinuxException("cannot write " + p, e);
        }
    }

    /** The host ID {@code inside} maps to through {@code ranges}, or -1 when no range holds it. */
    public static long hostId(List<Range> ranges, long inside) {
        for (Range r : ranges) {
            long h = r.hostId(inside);
            if (h >= 0) {
                return h;
            }
        }
        return -1;
    }
}
