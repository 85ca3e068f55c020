package org.virtlayer.driver.lxc.internal.node;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.virtlayer.api.DomainInfo;
import org.virtlayer.api.DomainListFlag;
import org.virtlayer.api.DomainStartFlag;
import org.virtlayer.api.DomainStateInfo;
import org.virtlayer.api.DomainStatsRecord;
import org.virtlayer.api.DomainXmlFlag;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.ShutdownMode;
import org.virtlayer.api.StatsGroup;
import org.virtlayer.api.VirtException;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.DomainSummary;
import org.virtlayer.spi.HostIntrospection;
import org.virtlayer.spi.ListFilters;
import org.virtlayer.xml.DomainDef;

/**
 * The node as one connection uses it: references resolved to domains, each call handed to the class that does it.
 * Networks are resolved through the node's own context, not the connection's: a container's network ports outlive
 * the connection that started it.
 */
public final class NodeOperations {
    private final LxcNode node;
    private final Object connection;

    public NodeOperations(LxcNode node, Object connection) {
        this.node = node;
        this.connection = connection;
    }

    // ---- node

    /** The host's kernel version, as libvirt's LXC driver reports it (major * 1000000 + minor * 1000 + micro). */
    public static long kernelVersion() {
        String[] v = System.getProperty("os.version", "0").split("[^0-9]+");
        long out = 0;
        for (int i = 0; i < 3; i++) {
            out = out * 1000 + (i < v.length && !v[i].isEmpty() ? Long.parseLong(v[i]) : 0);
        }
        return out;
    }

    /** The host, and one guest: containers ({@code exe}) of the host's architecture. */
    public static String capabilities(HostIntrospection host) {
        String arch = host.arch();
        StringBuilder sb = new StringBuilder("<capabilities>\n\n").append(host.hostCapabilitiesXml());
        if (!host.hostCapabilitiesXml().endsWith("\n")) {
            sb.append('\n');
        }
        sb.append("\n  <guest>\n    <os_type>exe</os_type>\n    <arch name='").append(arch).append("'>\n")
                .append("      <wordsize>").append(arch.endsWith("64") ? 64 : 32).append("</wordsize>\n")
                .append("      <domain type='lxc'/>\n    </arch>\n  </guest>\n\n</capabilities>\n");
        return sb.toString();
    }

    // ---- queries

    public List<DomainSummary> list(Set<DomainListFlag> flags) {
        List<DomainSummary> out = new ArrayList<>();
        for (LxcDomain d : node.domains()) {
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

    /** Memory in use is the cgroup's, as {@code virsh dominfo} shows it for libvirt's containers. */
    public DomainInfo info(DomainRef ref) {
        LxcDomain d = node.find(ref);
        Container c;
        DomainInfo base;
        synchronized (d) {
            c = d.state.isActive() ? d.run : null;
            base = new DomainInfo(d.state, d.def.memoryKiB(), d.def.currentMemoryKiB(), d.def.currentVcpus(), 0);
        }
        if (c == null) {
            return base;
        }
        OptionalLong used = c.cgroup.memoryUsage();
        return new DomainInfo(base.state(), base.maxMemoryKiB(), used.isPresent() ? used.getAsLong() / 1024
                : base.memoryKiB(), base.vcpus(), c.cgroup.cpuUsageNanos().orElse(0));
    }

    public DomainStateInfo state(DomainRef ref) {
        return node.find(ref).stateInfo();
    }

    public DomainSummary summary(DomainRef ref) {
        return node.find(ref).summary();
    }

    public String xml(DomainRef ref, Set<DomainXmlFlag> flags) {
        return node.find(ref).xml(flags.contains(DomainXmlFlag.INACTIVE));
    }

    public List<DomainStatsRecord> stats(List<DomainRef> refs, Set<StatsGroup> groups) {
        List<LxcDomain> ds;
        if (refs == null) {
            ds = node.domains();
        } else {
            ds = new ArrayList<>(refs.size());
            for (DomainRef r : refs) {
                ds.add(node.find(r));
            }
        }
        return node.stats.collect(ds, groups);
    }

    // ---- definitions

    public DomainRef define(String xml) {
        return node.definitions.define(xml);
    }

    public void undefine(DomainRef ref) {
        node.definitions.undefine(node.find(ref));
    }

    public void setAutostart(DomainRef ref, boolean on) {
        node.definitions.setAutostart(node.find(ref), on);
    }

    // ---- lifecycle

    /** libvirt's LXC driver takes AUTODESTROY (and VALIDATE) only: a container cannot start paused. */
    private static void checkStartFlags(Set<DomainStartFlag> flags) {
        for (DomainStartFlag f : flags) {
            if (f != DomainStartFlag.AUTODESTROY) {
                throw new VirtException(ErrorCode.INVALID_ARG, "invalid argument: unsupported flag " + f
                        + " (a container starts running)");
            }
        }
    }

    public DomainRef create(String xml, Set<DomainStartFlag> flags) {
        checkStartFlags(flags);
        DomainDef def = Definitions.parse(xml);
        LxcDomain d = node.definitions.claim(def);
        return node.lifecycle.start(d, def, flags.contains(DomainStartFlag.AUTODESTROY) ? connection : null);
    }

    public DomainRef start(DomainRef ref, Set<DomainStartFlag> flags) {
        checkStartFlags(flags);
        return node.lifecycle.start(node.find(ref), null,
                flags.contains(DomainStartFlag.AUTODESTROY) ? connection : null);
    }

    public void shutdown(DomainRef ref, Set<ShutdownMode> modes) {
        node.lifecycle.shutdown(node.find(ref), modes);
    }

    public void destroy(DomainRef ref) {
        node.lifecycle.destroy(node.find(ref));
    }

    public void reboot(DomainRef ref, Set<ShutdownMode> modes) {
        node.lifecycle.reboot(node.find(ref), modes);
    }

    public void suspend(DomainRef ref) {
        node.lifecycle.suspend(node.find(ref));
    }

    public void resume(DomainRef ref) {
        node.lifecycle.resume(node.find(ref));
    }

    /** Destroys the containers this connection started with AUTODESTROY (it is closing). */
    public void autodestroy() {
        for (LxcDomain d : node.domains()) {
            Container c;
            synchronized (d) {
                c = d.run;
            }
            if (c != null && c.autodestroyOwner == connection) {
                try {
                    node.lifecycle.destroy(d);
                } catch (VirtException e) {
                    // already gone
                }
            }
        }
    }
}
