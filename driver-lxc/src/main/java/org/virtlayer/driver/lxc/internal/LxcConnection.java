package org.virtlayer.driver.lxc.internal;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.virtlayer.api.DomainDefineFlag;
import org.virtlayer.api.DomainInfo;
import org.virtlayer.api.DomainListFlag;
import org.virtlayer.api.DomainStartFlag;
import org.virtlayer.api.DomainStateInfo;
import org.virtlayer.api.DomainStatsRecord;
import org.virtlayer.api.DomainUndefineFlag;
import org.virtlayer.api.DomainXmlFlag;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.NodeInfo;
import org.virtlayer.api.ShutdownMode;
import org.virtlayer.api.StatsGroup;
import org.virtlayer.api.VirtException;
import org.virtlayer.driver.lxc.internal.node.LxcNode;
import org.virtlayer.driver.lxc.internal.node.NodeOperations;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.DomainSummary;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.HypervisorConnection;

/**
 * One connection to the LXC node: a thin door onto the node the driver shares between every connection. Its event
 * sink joins the node's on opening and leaves on closing; containers it started with AUTODESTROY are destroyed when
 * it closes.
 */
final class LxcConnection implements HypervisorConnection {
    private final LxcNode node;
    private final NodeOperations ops;
    private final DriverContext context;
    private volatile boolean closed;

    LxcConnection(LxcNode node, DriverContext context) {
        this.node = node;
        this.ops = new NodeOperations(node, this);
        this.context = context;
        node.addSink(context.events());
    }

    @Override
    public Object node() {
        return node;
    }

    @Override
    public String hypervisorType() {
        return "LXC";
    }

    @Override
    public long hypervisorVersion() {
        return NodeOperations.kernelVersion();
    }

    @Override
    public boolean isAlive() {
        return !closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        node.removeSink(context.events());
        ops.autodestroy();
    }

    @Override
    public String hostname() {
        return context.host().hostname();
    }

    @Override
    public String capabilities() {
        return NodeOperations.capabilities(context.host());
    }

    @Override
    public NodeInfo nodeInfo() {
        return context.host().nodeInfo();
    }

    @Override
    public long freeMemory() {
        return context.host().freeMemory();
    }

    @Override
    public List<Long> cellsFreeMemory() {
        return context.host().cellsFreeMemory();
    }

    // ---- queries

    @Override
    public List<DomainSummary> listDomains(Set<DomainListFlag> flags) {
        return ops.list(flags);
    }

    @Override
    public DomainRef lookupDomainByName(String name) {
        return ops.byName(name);
    }

    @Override
    public DomainRef lookupDomainByUuid(UUID uuid) {
        return ops.byUuid(uuid);
    }

    @Override
    public DomainRef lookupDomainById(int id) {
        return ops.byId(id);
    }

    @Override
    public DomainInfo domainInfo(DomainRef domain) {
        return ops.info(domain);
    }

    @Override
    public DomainStateInfo domainState(DomainRef domain) {
        return ops.state(domain);
    }

    @Override
    public DomainSummary domainSummary(DomainRef domain) {
        return ops.summary(domain);
    }

    @Override
    public String domainOsType(DomainRef domain) {
        ops.summary(domain);
        return "exe";
    }

    @Override
    public String domainXml(DomainRef domain, Set<DomainXmlFlag> flags) {
        return ops.xml(domain, flags);
    }

    @Override
    public List<DomainStatsRecord> domainStats(List<DomainRef> domains, Set<StatsGroup> groups) {
        return ops.stats(domains, groups);
    }

    // ---- changes

    @Override
    public DomainRef defineDomain(String xml, Set<DomainDefineFlag> flags) {
        rejectValidate(flags.contains(DomainDefineFlag.VALIDATE));
        return ops.define(xml);
    }

    @Override
    public DomainRef createDomain(String xml, Set<DomainStartFlag> flags) {
        rejectValidate(flags.contains(DomainStartFlag.VALIDATE));
        Set<DomainStartFlag> rest = java.util.EnumSet.noneOf(DomainStartFlag.class);
        rest.addAll(flags);
        rest.remove(DomainStartFlag.VALIDATE);
        return ops.create(xml, rest);
    }

    private static void rejectValidate(boolean validate) {
        if (validate) {
            throw new VirtException(ErrorCode.ARGUMENT_UNSUPPORTED,
                    "schema validation of domain XML is not available in this version");
        }
    }

    @Override
    public void undefineDomain(DomainRef domain, Set<DomainUndefineFlag> flags) {
        ops.undefine(domain);
    }

    @Override
    public DomainRef startDomain(DomainRef domain, Set<DomainStartFlag> flags) {
        return ops.start(domain, flags);
    }

    @Override
    public void shutdownDomain(DomainRef domain, Set<ShutdownMode> modes) {
        ops.shutdown(domain, modes);
    }

    @Override
    public void destroyDomain(DomainRef domain) {
        ops.destroy(domain);
    }

    @Override
    public void rebootDomain(DomainRef domain, Set<ShutdownMode> modes) {
        ops.reboot(domain, modes);
    }

    @Override
    public void suspendDomain(DomainRef domain) {
        ops.suspend(domain);
    }

    @Override
    public void resumeDomain(DomainRef domain) {
        ops.resume(domain);
    }

    @Override
    public void setDomainAutostart(DomainRef domain, boolean autostart) {
        ops.setAutostart(domain, autostart);
    }
}
