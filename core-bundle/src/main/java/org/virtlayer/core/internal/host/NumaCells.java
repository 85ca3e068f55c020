package org.virtlayer.core.internal.host;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The NUMA cells of /sys/devices/system/node: which nodes exist, their CPUs, distances and meminfo.
 *
 * <p>A kernel without NUMA support has no such directory; the host is then one cell holding every CPU and all the
 * memory, as libvirt fakes it.
 */
final class NumaCells {
    private NumaCells() {
    }

    /** The ids of the nodeN directories, ascending; empty when the host shows no NUMA topology. */
    static SortedSet<Integer> nodeIds(HostFiles files) {
        return files.numberedEntries(HostFiles.NODE_DIR, "node");
    }

    /**
     * The CPUs linked from a node's directory ({@code nodeN/cpuK}), offline ones included: what nodeinfo counts.
     * Trees without those links (some fixtures, stripped sysfs) fall back to the node's {@code cpulist}.
     */
    static Set<Integer> nodeMemberCpus(HostFiles files, int node) {
        String dir = HostFiles.NODE_DIR + "/node" + node;
        Set<Integer> members = new TreeSet<>(files.numberedEntries(dir, "cpu"));
        if (members.isEmpty()) {
            BitSet list = CpuList.parse(files.readLine(dir + "/cpulist"));
            list.stream().forEach(members::add);
        }
        return members;
    }

    /**
     * The CPUs the capabilities list in a cell: the node's {@code cpulist} (its online CPUs), or its cpuK links
     * restricted to online CPUs when cpulist cannot be read.
     */
    static BitSet cellCpus(HostFiles files, int node, BitSet online) {
        String dir = HostFiles.NODE_DIR + "/node" + node;
        if (files.exists(dir + "/cpulist")) {
            return CpuList.parse(files.readLine(dir + "/cpulist"));
        }
        BitSet cpus = new BitSet();
        for (int cpu : files.numberedEntries(dir, "cpu")) {
            if (online.isEmpty() || online.get(cpu)) {
                cpus.set(cpu);
            }
        }
        return cpus;
    }

    /**
     * A node's distances to every node, sibling id to value. The kernel writes one value per online node, in
     * ascending node order, so the k-th value belongs to the k-th node id. Zero values mean "unknown" and are
     * dropped, as libvirt drops them.
     */
    static Map<Integer, Integer> distances(HostFiles files, int node, List<Integer> allNodes) {
        Map<Integer, Integer> distances = new LinkedHashMap<>();
        String line = files.readLine(HostFiles.NODE_DIR + "/node" + node + "/distance");
        if (line == null || line.isEmpty()) {
            return distances;
        }
        String[] values = line.trim().split("\\s+");
        for (int k = 0; k < values.length && k < allNodes.size(); k++) {
            var v = HostFiles.parseLong(values[k]);
            if (v.isPresent() && v.getAsLong() > 0 && v.getAsLong() <= Integer.MAX_VALUE) {
                distances.put(allNodes.get(k), (int) v.getAsLong());
            }
        }
        return distances;
    }

    static MemInfo nodeMemInfo(HostFiles files, int node) {
        return MemInfo.parse(files.read(HostFiles.NODE_DIR + "/node" + node + "/meminfo"));
    }

    static List<Integer> asList(SortedSet<Integer> ids) {
        return new ArrayList<>(ids);
    }
}
