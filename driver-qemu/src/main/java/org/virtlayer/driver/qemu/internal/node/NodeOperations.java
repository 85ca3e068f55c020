package org.virtlayer.driver.qemu.internal.node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.virtlayer.api.DomainInfo;
import org.virtlayer.api.DomainListFlag;
import org.virtlayer.api.DomainStartFlag;
import org.virtlayer.api.DomainStateInfo;
import org.virtlayer.api.DomainStatsRecord;
import org.virtlayer.api.DomainXmlFlag;
import org.virtlayer.api.MetadataType;
import org.virtlayer.api.ModificationImpact;
import org.virtlayer.api.ShutdownMode;
import org.virtlayer.api.StatsGroup;
import org.virtlayer.api.VirtException;
import org.virtlayer.driver.qemu.internal.caps.Emulators;
import org.virtlayer.linux.ProcStat;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.DomainSummary;
import org.virtlayer.spi.HostIntrospection;
import org.virtlayer.spi.ListFilters;
import org.virtlayer.xml.DomainDef;

/**
 * The node as one connection uses it: references resolved to domains, each call handed to the class that does it.
 * Volumes and networks are resolved through the node's own context, not the connection's: a guest's network ports
 * outlive the connection that started it.
 */
public final class NodeOperations {
    private final QemuNode node;
    private final Object connection;

    public NodeOperations(QemuNode node, Object connection) {
        this.node = node;
        this.connection = connection;
    }

    private QemuDomain find(DomainRef ref) {
        return node.find(ref);
    }

    // ---- node

    /** The version of the host architecture's QEMU, as libvirt encodes it (7002022 for 7.2.22). */
    public long hypervisorVersion() {
        return node.caps.get(Emulators.find(hostArch())).version();
    }

    private static String hostArch() {
        String a = System.getProperty("os.arch");
        return "amd64".equals(a) ? "x86_64" : "aarch64".equals(a) ? "aarch64" : a;
    }

    public String capabilities(HostIntrospection host) {
        Path emulator = Emulators.find(host.arch());
        return CapabilitiesXml.format(host, node.caps.get(emulator));
    }

    // ---- queries

    public List<DomainSummary> list(Set<DomainListFlag> flags) {
        List<DomainSummary> out = new ArrayList<>();
        for (QemuDomain d : node.domains()) {
            DomainSummary s = d.summary();
            if (ListFilters.matches(flags, s)) {
                out.add(s);
            }
        }
        return out;
    }

    public DomainRef byName(String name) {
        return node.byName(name).ref();
    }

    public DomainRef byUuid(UUID uuid) {
        return node.byUuid(uuid).ref();
    }

    public DomainRef byId(int id) {
        return node.byId(id).ref();
    }

    public DomainInfo info(DomainRef ref) {
        QemuDomain d = find(ref);
        Running r;
        DomainInfo base;
        synchronized (d) {
            r = d.state.isActive() ? d.run : null;
            base = new DomainInfo(d.state, d.def.memoryKiB(), d.def.currentMemoryKiB(), d.def.currentVcpus(), 0);
        }
        long cpu = 0;
        if (r != null) {
            cpu = r.cgroup != null && r.cgroup.cpuUsageNanos().isPresent() ? r.cgroup.cpuUsageNanos().getAsLong()
                    : ProcStat.of(r.pid()).map(ProcStat::cpuNanos).orElse(0L);
        }
        return new DomainInfo(base.state(), base.maxMemoryKiB(), base.memoryKiB(), base.vcpus(), cpu);
    }

    public DomainStateInfo state(DomainRef ref) {
        return find(ref).stateInfo();
    }

    public DomainSummary summary(DomainRef ref) {
        return find(ref).summary();
    }

    public String xml(DomainRef ref, Set<DomainXmlFlag> flags) {
        return find(ref).xml(flags.contains(DomainXmlFlag.INACTIVE), flags.contains(DomainXmlFlag.SECURE));
    }

    public List<DomainStatsRecord> stats(List<DomainRef> refs, Set<StatsGroup> groups) {
        List<QemuDomain> ds;
        if (refs == null) {
            ds = node.domains();
        } else {
            ds = new ArrayList<>(refs.size());
            for (DomainRef r : refs) {
                ds.add(find(r));
            }
        }
        return node.stats.collect(ds, groups);
    }

    public String metadata(DomainRef ref, MetadataType type, String uri, Set<ModificationImpact> impact) {
        QemuDomain d = find(ref);
        synchronized (d) {
            return (impact.contains(ModificationImpact.CONFIG) && d.persistentDef != null ? d.persistentDef : d.def)
                    .metadata(type, uri);
        }
    }

    // ---- definitions

    public DomainRef define(String xml) {
        return node.definitions.define(xml);
    }

    public void undefine(DomainRef ref) {
        node.definitions.undefine(find(ref));
    }

    public void setAutostart(DomainRef ref, boolean on) {
        node.definitions.setAutostart(find(ref), on);
    }

    // ---- lifecycle

    public DomainRef create(String xml, Set<DomainStartFlag> flags) {
        DomainDef def = node.definitions.parse(xml);
        QemuDomain d = node.definitions.claim(def);
        return node.lifecycle.start(d, def, flags.contains(DomainStartFlag.PAUSED),
                flags.contains(DomainStartFlag.AUTODESTROY) ? connection : null, null);
    }

    public DomainRef start(DomainRef ref, Set<DomainStartFlag> flags) {
        return node.lifecycle.start(find(ref), null, flags.contains(DomainStartFlag.PAUSED),
                flags.contains(DomainStartFlag.AUTODESTROY) ? connection : null, null);
    }

    public void shutdown(DomainRef ref, Set<ShutdownMode> modes) {
        node.lifecycle.shutdown(find(ref), modes);
    }

    public void destroy(DomainRef ref) {
        node.lifecycle.destroy(find(ref));
    }

    public void reboot(DomainRef ref, Set<ShutdownMode> modes) {
        node.lifecycle.reboot(find(ref), modes);
    }

    public void reset(DomainRef ref) {
        node.lifecycle.reset(find(ref));
    }

    public void suspend(DomainRef ref) {
        node.lifecycle.suspend(find(ref));
    }

    public void resume(DomainRef ref) {
        node.lifecycle.resume(find(ref));
    }

    public void save(DomainRef ref, String path) {
        node.saves.save(find(ref), path);
    }

    public DomainRef restore(String path) {
        return node.saves.restore(path);
    }

    /** Destroys the domains this connection started with AUTODESTROY (it is closing). */
    public void autodestroy() {
        for (QemuDomain d : node.domains()) {
            Running r;
            synchronized (d) {
                r = d.run;
            }
            if (r != null && r.autodestroyOwner == connection) {
                try {
                    node.lifecycle.destroy(d);
                } catch (VirtException e) {
                    // already gone
                }
            }
        }
    }

    // ---- live changes

    public void setMemory(DomainRef ref, long kib, Set<ModificationImpact> impact) {
        node.live.setMemory(find(ref), kib, impact);
    }

    public void setMaxMemory(DomainRef ref, long kib, Set<ModificationImpact> impact) {
        node.live.setMaxMemory(find(ref), kib, impact);
    }

    public void setVcpus(DomainRef ref, int count, Set<ModificationImpact> impact) {
        node.live.setVcpus(find(ref), count, impact);
    }

    public void attach(DomainRef ref, String xml, Set<ModificationImpact> impact) {
        node.live.attach(find(ref), xml, impact);
    }

    public void detach(DomainRef ref, String xml, Set<ModificationImpact> impact) {
        node.live.detach(find(ref), xml, impact);
    }

    public void update(DomainRef ref, String xml, Set<ModificationImpact> impact) {
        node.live.update(find(ref), xml, impact);
    }

    public void setMetadata(DomainRef ref, MetadataType type, String value, String key, String uri,
            Set<ModificationImpact> impact) {
        node.live.setMetadata(find(ref), DomainDef.metadataChange(type, value, key, uri), impact);
    }
}
