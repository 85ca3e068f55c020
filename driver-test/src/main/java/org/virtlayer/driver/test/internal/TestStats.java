package org.virtlayer.driver.test.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.virtlayer.api.DomainStatsRecord;
import org.virtlayer.api.StatsGroup;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.XmlElement;

/**
 * Statistics of a test domain in {@code virsh domstats}' keys. The test guest does no I/O, so its counters are zero;
 * its CPU time grows while it runs; sizes come from its definition.
 */
final class TestStats {
    private TestStats() {
    }

    static DomainStatsRecord of(TestDomain d, Set<StatsGroup> groups) {
        Map<String, Object> s = new LinkedHashMap<>();
        DomainDef def = d.def;
        boolean active = d.isActive();
        if (groups.contains(StatsGroup.STATE)) {
            s.put("state.state", d.state.number());
            s.put("state.reason", d.reason.number());
        }
        if (groups.contains(StatsGroup.CPU_TOTAL) && active) {
            long t = d.cpuTime();
            s.put("cpu.time", t);
            s.put("cpu.user", t * 9 / 10);
            s.put("cpu.system", t / 10);
        }
        if (groups.contains(StatsGroup.BALLOON)) {
            s.put("balloon.current", def.currentMemoryKiB());
            s.put("balloon.maximum", def.memoryKiB());
        }
        if (groups.contains(StatsGroup.VCPU)) {
            s.put("vcpu.current", def.currentVcpus());
            s.put("vcpu.maximum", def.maxVcpus());
            if (active) {
                long per = d.cpuTime() / Math.max(1, def.currentVcpus());
                for (int i = 0; i < def.currentVcpus(); i++) {
                    s.put("vcpu." + i + ".state", 1);
                    s.put("vcpu." + i + ".time", per);
                }
            }
        }
        if (groups.contains(StatsGroup.INTERFACE) && active) {
            List<XmlElement> nics = def.devices("interface");
            s.put("net.count", nics.size());
            for (int i = 0; i < nics.size(); i++) {
                XmlElement target = nics.get(i).child("target");
                String p = "net." + i + ".";
                s.put(p + "name", target != null && target.attr("dev") != null ? target.attr("dev") : "vnet" + i);
                for (String k : List.of("rx.bytes", "rx.pkts", "rx.errs", "rx.drop", "tx.bytes", "tx.pkts",
                        "tx.errs", "tx.drop")) {
                    s.put(p + k, 0L);
                }
            }
        }
        if (groups.contains(StatsGroup.BLOCK) && active) {
            List<XmlElement> disks = def.devices("disk");
            s.put("block.count", disks.size());
            for (int i = 0; i < disks.size(); i++) {
                XmlElement disk = disks.get(i);
                String p = "block." + i + ".";
                s.put(p + "name", DomainDef.diskTarget(disk));
                XmlElement src = disk.child("source");
                String path = src == null ? null : src.attr("file") != null ? src.attr("file") : src.attr("dev");
                if (path != null) {
                    s.put(p + "path", path);
                }
                for (String k : List.of("rd.reqs", "rd.bytes", "rd.times", "wr.reqs", "wr.bytes", "wr.times",
                        "fl.reqs", "fl.times")) {
                    s.put(p + k, 0L);
                }
            }
        }
        return new DomainStatsRecord(d.name, d.uuid, s);
    }
}
