package org.virtlayer.xml.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.XmlElement;

/**
 * {@code <cputune>}'s {@code <cachetune>} and {@code <memorytune>} (resource control groups) as libvirt reads them:
 * vCPUs beyond the domain's count are ignored (a group left with none is dropped), no vCPU in two groups of the same
 * kind, no cache or memory node allocated twice, monitors only over the group's own vCPUs.
 */
final class ResourceControlRules {
    private ResourceControlRules() {
    }

    static void apply(XmlElement cputune, int maxVcpus) {
        List<BitSet> cacheGroups = new ArrayList<>();
        List<BitSet> memoryGroups = new ArrayList<>();
        for (XmlElement tune : new ArrayList<>(cputune.children())) {
            boolean cache = tune.name().equals("cachetune");
            if (!cache && !tune.name().equals("memorytune")) {
                continue;
            }
            BitSet vcpus = CpuSet.parse(tune.attr("vcpus"), "<" + tune.name() + "> vcpus");
            vcpus.clear(maxVcpus, Math.max(maxVcpus, vcpus.length()));
            if (vcpus.isEmpty()) {
                cputune.remove(tune);
                continue;
            }
            for (BitSet other : cache ? cacheGroups : memoryGroups) {
                if (other.intersects(vcpus)) {
                    throw VirtException.xml("Overlapping vcpus in " + tune.name() + "s");
                }
            }
            (cache ? cacheGroups : memoryGroups).add(vcpus);
            tune.attr("vcpus", CpuSet.format(vcpus));
            if (cache) {
                caches(tune);
            } else {
                nodes(tune);
            }
            monitors(tune, vcpus);
            // libvirt keeps allocations and monitors apart, allocations first
            tune.orderChildren(List.of(cache ? "cache" : "node", "monitor"));
        }
    }

    private static void caches(XmlElement tune) {
        Set<String> seen = new HashSet<>();
        for (XmlElement c : tune.children("cache")) {
            String id = c.attr("id");
            String level = c.attr("level");
            String type = c.attr("type");
            if (id == null || level == null || type == null || c.attr("size") == null) {
                throw VirtException.xml("Missing cache id, level, type or size in <cachetune>");
            }
            if (!Set.of("both", "code", "data").contains(type)) {
                throw VirtException.xml("Invalid cache type '" + type + "' in <cachetune>");
            }
            String key = id + "/" + level;
            if (!seen.add(key + "/" + type)) {
                throw VirtException.xml("Cache allocation for cache " + id + " level " + level + " type " + type
                        + " is already defined in <cachetune>");
            }
            boolean mixed = type.equals("both") ? seen.contains(key + "/code") || seen.contains(key + "/data")
                    : seen.contains(key + "/both");
            if (mixed) {
                throw VirtException.xml("Cache allocation of type 'both' for cache " + id + " level " + level
                        + " cannot be mixed with 'code' or 'data' in <cachetune>");
            }
        }
    }

    private static void nodes(XmlElement tune) {
        Set<String> seen = new HashSet<>();
        for (XmlElement n : tune.children("node")) {
            String id = n.attr("id");
            if (id == null || n.attr("bandwidth") == null) {
                throw VirtException.xml("Missing memory node id or bandwidth in <memorytune>");
            }
            if (!seen.add(id)) {
                throw VirtException.xml("Memory bandwidth for node " + id + " is already defined in <memorytune>");
            }
        }
    }

    private static void monitors(XmlElement tune, BitSet vcpus) {
        for (XmlElement m : tune.children("monitor")) {
            BitSet mv = CpuSet.parse(m.attr("vcpus"), "<monitor> vcpus");
            BitSet outside = (BitSet) mv.clone();
            outside.andNot(vcpus);
            if (!outside.isEmpty()) {
                throw VirtException.xml("Monitor vcpus '" + m.attr("vcpus") + "' conflict with the vcpus of its <"
                        + tune.name() + "> '" + tune.attr("vcpus") + "'");
            }
        }
    }
}
