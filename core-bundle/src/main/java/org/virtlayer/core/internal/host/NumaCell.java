package org.virtlayer.core.internal.host;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One {@code <cell>} of the capabilities' topology, memory figures included.
 *
 * @param memoryKiB the cell's total memory, 0 when unknown (then not printed, as libvirt does)
 * @param pages page size in KiB to pages of that size in the cell; empty when the cell is faked for a host without
 *     NUMA sysfs, for which libvirt prints no pages either
 * @param distances sibling cell id to distance; empty for a faked cell
 */
record NumaCell(int id, long memoryKiB, SortedMap<Long, Long> pages, Map<Integer, Integer> distances,
        List<LogicalCpu> cpus) {
    NumaCell {
        pages = Collections.unmodifiableSortedMap(new TreeMap<>(pages));
        distances = Collections.unmodifiableMap(new LinkedHashMap<>(distances));
        cpus = List.copyOf(cpus);
    }
}
