package org.virtlayer.driver.lxc.internal.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.DomainStatsRecord;
import org.virtlayer.api.StatsGroup;
import org.virtlayer.driver.lxc.internal.launch.ContainerPlan.HostSide;
import org.virtlayer.linux.LinuxException;
import org.virtlayer.linux.NetDevices;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.XmlElement;

/**
 * Statistics as {@code virsh domstats} names them, read from each container's cgroup (libvirt 9.0's LXC driver has
 * none): {@code cpu.time}, {@code cpu.user}, {@code cpu.system} from cpuacct (or {@code cpu.stat}); the memory
 * limit and use as {@code balloon.*} ({@code balloon.rss}: the cgroup's memory use); {@code pids.current}, the tasks
 * in the cgroup, with the cpu-total group (a virtlayer addition: libvirt has no group for it); interface counters of
 * each veth's host end, swapped (what the host end sends, the container receives).
 */
final class ContainerStats {
    List<DomainStatsRecord> collect(List<LxcDomain> domains, Set<StatsGroup> groups) {
        List<DomainStatsRecord> out = new ArrayList<>(domains.size());
        // read at most once per call and network namespace: host ends live in the host's or a network backend's
        Map<String, Map<String, NetDevices.Counters>> counters = new HashMap<>();
        for (LxcDomain d : domains) {
            DomainState st;
            int reason;
            DomainDef def;
            Container c;
            synchronized (d) {
                st = d.state;
                reason = d.reason.number();
                def = d.def;
                c = d.state.isActive() ? d.run : null;
            }
            out.add(record(d, st, reason, def, c, groups, counters));
        }
        return out;
    }

    private DomainStatsRecord record(LxcDomain d, DomainState st, int reason, DomainDef def, Container c,
            Set<StatsGroup> groups, Map<String, Map<String, NetDevices.Counters>> counters) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (groups.contains(StatsGroup.STATE)) {
            m.put("state.state", st.number());
            m.put("state.reason", reason);
        }
        if (groups.contains(StatsGroup.CPU_TOTAL) && c != null) {
            put(m, "cpu.time", c.cgroup.cpuUsageNanos());
            put(m, "cpu.user", c.cgroup.cpuUserNanos());
            put(m, "cpu.system", c.cgroup.cpuSystemNanos());
            put(m, "pids.current", c.cgroup.pidCount());
        }
        if (groups.contains(StatsGroup.BALLOON)) {
            m.put("balloon.current", def.currentMemoryKiB());
            m.put("balloon.maximum", def.memoryKiB());
            if (c != null) {
                OptionalLong used = c.cgroup.memoryUsage();
                if (used.isPresent()) {
                    m.put("balloon.rss", used.getAsLong() / 1024);
                }
            }
        }
        if (groups.contains(StatsGroup.VCPU)) {
            m.put("vcpu.current", def.currentVcpus());
            m.put("vcpu.maximum", def.maxVcpus());
        }
        if (groups.contains(StatsGroup.INTERFACE)) {
            List<XmlElement> nics = def.devices("interface");
            m.put("net.count", nics.size());
            for (int i = 0; i < nics.size(); i++) {
                XmlElement t = nics.get(i).child("target");
                String dev = t == null ? null : t.attr("dev");
                String p = "net." + i + ".";
                m.put(p + "name", dev == null ? "" : dev);
                NetDevices.Counters n = dev == null || c == null ? null
                        : counters.computeIfAbsent(hostNamespace(c, dev), ContainerStats::read).get(dev);
                if (n != null) {
                    m.put(p + "rx.bytes", n.txBytes());
                    m.put(p + "rx.pkts", n.txPackets());
                    m.put(p + "rx.errs", n.txErrors());
                    m.put(p + "rx.drop", n.txDropped());
                    m.put(p + "tx.bytes", n.rxBytes());
                    m.put(p + "tx.pkts", n.rxPackets());
                    m.put(p + "tx.errs", n.rxErrors());
                    m.put(p + "tx.drop", n.rxDropped());
                }
            }
        }
        if (groups.contains(StatsGroup.BLOCK)) {
            m.put("block.count", 0);
        }
        return new DomainStatsRecord(def.name(), d.uuid, m);
    }

    /** The namespace a host end is in: "" for the host's own. */
    private static String hostNamespace(Container c, String dev) {
        HostSide side = c.hostSides.get(dev);
        return side == null || side.namespace() == null ? "" : side.namespace();
    }

    private static Map<String, NetDevices.Counters> read(String namespace) {
        try {
            return NetDevices.of(namespace.isEmpty() ? null : namespace);
        } catch (LinuxException e) {
            return Map.of();
        }
    }

    private static void put(Map<String, Object> m, String key, OptionalLong v) {
        if (v.isPresent()) {
            m.put(key, v.getAsLong());
        }
    }
}
