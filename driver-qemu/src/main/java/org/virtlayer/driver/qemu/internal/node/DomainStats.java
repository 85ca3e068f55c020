package org.virtlayer.driver.qemu.internal.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.DomainStatsRecord;
import org.virtlayer.api.StatsGroup;
import org.virtlayer.driver.qemu.internal.argv.Dev;
import org.virtlayer.driver.qemu.internal.argv.DeviceArgs;
import org.virtlayer.linux.LinuxException;
import org.virtlayer.linux.NetDevices;
import org.virtlayer.linux.ProcStat;
import org.virtlayer.spi.kit.Json;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.XmlElement;

/**
 * Statistics as {@code virsh domstats} names them, for many domains in one pass: the QMP queries of every running
 * domain are sent at once and answered in parallel; CPU times come from the cgroup or {@code /proc}, vCPU times from
 * each vCPU thread's {@code /proc} entry, interface counters from {@code /proc/net/dev} of each tap's network
 * namespace (swapped: the host's transmit is the guest's receive), block counters from {@code query-blockstats} and
 * sizes from {@code query-block}.
 */
final class DomainStats {
    private static final long TIMEOUT_MS = 10_000;

    private final QemuNode node;

    DomainStats(QemuNode node) {
        this.node = node;
    }

    /** One domain's snapshot plus its pending QMP answers. */
    private record Pending(QemuDomain d, DomainState state, int stateReason, DomainDef def, Running run,
            CompletableFuture<Object> blockstats, CompletableFuture<Object> block, CompletableFuture<Object> cpus) {
    }

    List<DomainStatsRecord> collect(List<QemuDomain> domains, Set<StatsGroup> groups) {
        boolean wantBlock = groups.contains(StatsGroup.BLOCK);
        boolean wantVcpu = groups.contains(StatsGroup.VCPU);
        List<Pending> pending = new ArrayList<>(domains.size());
        for (QemuDomain d : domains) {
            DomainState st;
            int reason;
            DomainDef def;
            Running r;
            synchronized (d) {
                st = d.state;
                reason = d.reason.number();
                def = d.def;
                r = d.state.isActive() && d.run != null && !d.run.starting ? d.run : null;
            }
            CompletableFuture<Object> bs = null;
            CompletableFuture<Object> b = null;
            CompletableFuture<Object> c = null;
            if (r != null && r.monitor != null && !r.monitor.isClosed()) {
                if (wantBlock && !def.devices("disk").isEmpty()) {
                    bs = r.monitor.send("query-blockstats", null);
                    b = r.monitor.send("query-block", null);
                }
                if (wantVcpu && r.vcpuThreads == null) {
                    c = r.monitor.send("query-cpus-fast", null);
                }
            }
            pending.add(new Pending(d, st, reason, def, r, bs, b, c));
        }
        InterfaceCounters netdev = new InterfaceCounters();
        List<DomainStatsRecord> out = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            out.add(record(p, groups, netdev));
        }
        return out;
    }

    private DomainStatsRecord record(Pending p, Set<StatsGroup> groups, InterfaceCounters netdev) {
        Map<String, Object> m = new LinkedHashMap<>();
        Running r = p.run();
        DomainDef def = p.def();
        if (groups.contains(StatsGroup.STATE)) {
            m.put("state.state", p.state().number());
            m.put("state.reason", p.stateReason());
        }
        if (groups.contains(StatsGroup.CPU_TOTAL) && r != null) {
            ProcStat s = ProcStat.of(r.pid()).orElse(null);
            OptionalLong cg = r.cgroup == null ? OptionalLong.empty() : r.cgroup.cpuUsageNanos();
            if (s != null || cg.isPresent()) {
                m.put("cpu.time", cg.isPresent() ? cg.getAsLong() : s.cpuNanos());
                if (s != null) {
                    m.put("cpu.user", s.userNanos());
                    m.put("cpu.system", s.systemNanos());
                }
            }
        }
        if (groups.contains(StatsGroup.BALLOON)) {
            m.put("balloon.current", def.currentMemoryKiB());
            m.put("balloon.maximum", def.memoryKiB());
            if (r != null) {
                rssKiB(r.pid()).ifPresent(v -> m.put("balloon.rss", v));
            }
        }
        if (groups.contains(StatsGroup.VCPU)) {
            m.put("vcpu.current", def.currentVcpus());
            m.put("vcpu.maximum", def.maxVcpus());
            if (r != null) {
                Map<Integer, Integer> threads = vcpuThreads(r, p.cpus());
                for (Map.Entry<Integer, Integer> t : threads.entrySet()) {
                    ProcStat ts = ProcStat.ofThread(r.pid(), t.getValue()).orElse(null);
                    m.put("vcpu." + t.getKey() + ".state", 1);
                    if (ts != null) {
                        m.put("vcpu." + t.getKey() + ".time", ts.cpuNanos());
                    }
                }
            }
        }
        if (groups.contains(StatsGroup.INTERFACE)) {
            List<XmlElement> nics = def.devices("interface");
            m.put("net.count", nics.size());
            for (int i = 0; i < nics.size(); i++) {
                String tap = Dev.attr(nics.get(i), "target", "dev");
                m.put("net." + i + ".name", tap != null ? tap : Dev.alias(nics.get(i)) == null ? ""
                        : Dev.alias(nics.get(i)));
                NetDevices.Counters c = tap == null || r == null ? null
                        : netdev.in(r.tapNamespaces.get(Dev.alias(nics.get(i)))).get(tap);
                if (c != null) {
                    // what the tap sends, the guest receives
                    m.put("net." + i + ".rx.bytes", c.txBytes());
                    m.put("net." + i + ".rx.pkts", c.txPackets());
                    m.put("net." + i + ".rx.errs", c.txErrors());
                    m.put("net." + i + ".rx.drop", c.txDropped());
                    m.put("net." + i + ".tx.bytes", c.rxBytes());
                    m.put("net." + i + ".tx.pkts", c.rxPackets());
                    m.put("net." + i + ".tx.errs", c.rxErrors());
                    m.put("net." + i + ".tx.drop", c.rxDropped());
                }
            }
        }
        if (groups.contains(StatsGroup.BLOCK)) {
            block(m, def, p.blockstats(), p.block());
        }
        return new DomainStatsRecord(def.name(), p.d().uuid, m);
    }

    private static Object await(CompletableFuture<Object> f) {
        if (f == null) {
            return null;
        }
        try {
            return f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    private static Map<Integer, Integer> vcpuThreads(Running r, CompletableFuture<Object> cpus) {
        Map<Integer, Integer> known = r.vcpuThreads;
        if (known != null) {
            return known;
        }
        Object reply = await(cpus);
        if (reply == null) {
            return Map.of();
        }
        Map<Integer, Integer> t = new java.util.TreeMap<>();
        for (Object o : Json.asList(reply)) {
            Map<String, Object> c = Json.asObject(o);
            t.put((int) Json.number(c, "cpu-index", -1), (int) Json.number(c, "thread-id", -1));
        }
        r.vcpuThreads = t;
        return t;
    }

    private static void block(Map<String, Object> m, DomainDef def, CompletableFuture<Object> statsReply,
            CompletableFuture<Object> blockReply) {
        List<XmlElement> disks = def.devices("disk");
        m.put("block.count", disks.size());
        Map<String, Map<String, Object>> stats = new HashMap<>();
        for (Object o : Json.asList(await(statsReply))) {
            Map<String, Object> s = Json.asObject(o);
            String qdev = Json.string(s, "qdev");
            String node = Json.string(s, "node-name");
            if (qdev != null) {
                stats.put(qdev, s);
            }
            if (node != null) {
                stats.put(node, s);
            }
        }
        Map<String, Map<String, Object>> images = new HashMap<>();
        for (Object o : Json.asList(await(blockReply))) {
            Map<String, Object> b = Json.asObject(o);
            Map<String, Object> inserted = Json.asObject(b.get("inserted"));
            if (inserted.isEmpty()) {
                continue;
            }
            images.put(Json.string(inserted, "node-name"), Json.asObject(inserted.get("image")));
            String qdev = Json.string(b, "qdev");
            if (qdev != null) {
                images.put(qdev, Json.asObject(inserted.get("image")));
            }
        }
        for (int i = 0; i < disks.size(); i++) {
            XmlElement disk = disks.get(i);
            String prefix = "block." + i + ".";
            m.put(prefix + "name", Dev.attr(disk, "target", "dev"));
            String path = Dev.diskSource(disk);
            if (path != null) {
                m.put(prefix + "path", path);
            }
            Map<String, Object> s = null;
            Map<String, Object> img = null;
            if (path != null && disk.child("source").attr("index") != null) {
                String fmt = DeviceArgs.formatNode(disk);
                s = stats.get(fmt);
                img = images.get(fmt);
            }
            String alias = Dev.alias(disk);
            if (s == null && alias != null) {
                for (Map.Entry<String, Map<String, Object>> e : stats.entrySet()) {
                    if (e.getKey().contains("/" + alias + "/") || e.getKey().equals(alias)) {
                        s = e.getValue();
                    }
                }
            }
            if (s != null) {
                Map<String, Object> st = Json.asObject(s.get("stats"));
                m.put(prefix + "rd.reqs", Json.number(st, "rd_operations", 0));
                m.put(prefix + "rd.bytes", Json.number(st, "rd_bytes", 0));
                m.put(prefix + "rd.times", Json.number(st, "rd_total_time_ns", 0));
                m.put(prefix + "wr.reqs", Json.number(st, "wr_operations", 0));
                m.put(prefix + "wr.bytes", Json.number(st, "wr_bytes", 0));
                m.put(prefix + "wr.times", Json.number(st, "wr_total_time_ns", 0));
                m.put(prefix + "fl.reqs", Json.number(st, "flush_operations", 0));
                m.put(prefix + "fl.times", Json.number(st, "flush_total_time_ns", 0));
            }
            if (img != null && !img.isEmpty()) {
                m.put(prefix + "allocation", Json.number(img, "actual-size", 0));
                m.put(prefix + "capacity", Json.number(img, "virtual-size", 0));
            }
            if (path != null) {
                try {
                    m.put(prefix + "physical", Files.size(Path.of(path)));
                } catch (IOException | RuntimeException e) {
                    // a block device or a missing file: no physical size
                }
            }
        }
    }

    private static OptionalLong rssKiB(int pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", Integer.toString(pid), "status"))) {
                if (l.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(l.substring(6).replace("kB", "").strip()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return OptionalLong.empty();
    }

    /**
     * Interface counters, read at most once per stats call and network namespace (taps live where their bridge is:
     * the JVM's own namespace, or a network backend's).
     */
    private static final class InterfaceCounters {
        private final Map<String, Map<String, NetDevices.Counters>> byNamespace = new HashMap<>();

        Map<String, NetDevices.Counters> in(String namespace) {
            return byNamespace.computeIfAbsent(namespace == null ? "" : namespace, k -> {
                try {
                    return NetDevices.of(namespace);
                } catch (LinuxException e) {
                    return Map.of();
                }
            });
        }
    }
}
