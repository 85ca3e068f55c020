package org.virtlayer.core.internal.host;

import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Page sizes and page pools: the system page size and the huge page pools of sysfs
 * ({@code hugepages-2048kB/nr_hugepages}), host-wide under /sys/kernel/mm/hugepages and per node under
 * /sys/devices/system/node/nodeN/hugepages.
 */
final class HugePages {
    static final String HOST_DIR = "sys/kernel/mm/hugepages";

    private static final Pattern POOL = Pattern.compile("hugepages-(\\d{1,12})kb");

    private HugePages() {
    }

    static String nodeDir(int node) {
        return HostFiles.NODE_DIR + "/node" + node + "/hugepages";
    }

    /** Huge page size in KiB to the number of pages in that pool (0 when unreadable), ascending by size. */
    static SortedMap<Long, Long> pools(HostFiles files, String dir) {
        SortedMap<Long, Long> pools = new TreeMap<>();
        for (String name : files.list(dir)) {
            Matcher m = POOL.matcher(name.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                continue;
            }
            long size = Long.parseLong(m.group(1));
            long count = files.readLong(dir + "/" + name + "/nr_hugepages").orElse(0);
            pools.put(size, Math.max(0, count));
        }
        return pools;
    }

    /**
     * The system page size in KiB. The JDK does not expose it without native code, so it is read from the kernel's
     * description of this process's first mapping; architectures' usual size otherwise.
     */
    static long systemPageKiB(HostFiles files, String arch) {
        String line = files.firstLineStartingWith("proc/self/smaps", "KernelPageSize:");
        if (line != null) {
            String[] tokens = line.substring("KernelPageSize:".length()).trim().split("\\s+");
            var kib = HostFiles.parseLong(tokens[0]);
            if (kib.isPresent() && kib.getAsLong() > 0) {
                return kib.getAsLong();
            }
        }
        return arch.startsWith("ppc64") ? 64 : 4;
    }
}
