package org.virtlayer.core.internal.connection;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainInfo;
import org.virtlayer.api.DomainStartFlag;
import org.virtlayer.api.DomainStateInfo;
import org.virtlayer.api.DomainStatsRecord;
import org.virtlayer.api.DomainUndefineFlag;
import org.virtlayer.api.DomainXmlFlag;
import org.virtlayer.api.MetadataType;
import org.virtlayer.api.ModificationImpact;
import org.virtlayer.api.SecurityLabel;
import org.virtlayer.api.ShutdownMode;
import org.virtlayer.api.StatsGroup;
import org.virtlayer.api.VirtException;
import org.virtlayer.core.internal.calls.Operation;
import org.virtlayer.spi.DomainRef;

/** A domain handle: a name and UUID on a connection; every call asks the driver through the connection's gate. */
final class DomainHandle implements Domain {
    private final ConnectionImpl conn;
    /** The driver's name for the domain as it was when this handle was made; lists make one handle per domain. */
    private final DomainRef ref;
    private volatile int id;

    DomainHandle(ConnectionImpl conn, DomainRef ref) {
        this.conn = conn;
        this.ref = ref;
        this.id = ref.id();
    }

    DomainRef ref() {
        int now = id;
        return now == ref.id() ? ref : new DomainRef(ref.name(), ref.uuid(), now);
    }

    @Override
    public Connection connection() {
        return conn;
    }

    @Override
    public String name() {
        return ref.name();
    }

    @Override
    public UUID uuid() {
        return ref.uuid();
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public DomainInfo info() {
        DomainInfo info = conn.gate(Operation.DOMAIN_GET_INFO, this, h -> h.domainInfo(ref()));
        if (!info.state().isActive()) {
            id = -1;
        }
        return info;
    }

    @Override
    public DomainStateInfo state() {
        DomainStateInfo s = conn.gate(Operation.DOMAIN_GET_STATE, this, h -> h.domainState(ref()));
        if (!s.state().isActive()) {
            id = -1;
        }
        return s;
    }

    @Override
    public boolean isActive() {
        return conn.gate(Operation.DOMAIN_IS_ACTIVE, this, h -> h.domainSummary(ref()).state().isActive());
    }

    @Override
    public boolean isPersistent() {
        return conn.gate(Operation.DOMAIN_IS_PERSISTENT, this, h -> h.domainSummary(ref()).persistent());
    }

    @Override
    public String osType() {
        return conn.gate(Operation.DOMAIN_GET_OS_TYPE, this, h -> h.domainOsType(ref()));
    }

    @Override
    public String xml(DomainXmlFlag... flags) {
        Set<DomainXmlFlag> set = Flags.of(flags);
        Operation op = set.contains(DomainXmlFlag.SECURE) ? Operation.DOMAIN_GET_XML_DESC_SECURE
                : Operation.DOMAIN_GET_XML_DESC;
        return conn.gate(op, this, h -> h.domainXml(ref(), set));
    }

    @Override
    public boolean autostart() {
        return conn.gate(Operation.DOMAIN_GET_AUTOSTART, this, h -> h.domainSummary(ref()).autostart());
    }

    @Override
    public boolean hasManagedSave() {
        return conn.gate(Operation.DOMAIN_HAS_MANAGED_SAVE_IMAGE, this, h -> h.domainSummary(ref()).managedSave());
    }

    @Override
    public DomainStatsRecord stats(StatsGroup... groups) {
        List<DomainStatsRecord> r = conn.domainStats(List.of(this), groups);
        if (r.isEmpty()) {
            throw VirtException.noDomain("no domain with matching uuid '" + ref.uuid() + "' (" + ref.name() + ")");
        }
        return r.get(0);
    }

    @Override
    public String metadata(MetadataType type, String uri, ModificationImpact... impact) {
        Set<ModificationImpact> set = impacts(impact);
        return conn.gate(Operation.DOMAIN_GET_METADATA, this, h -> h.domainMetadata(ref(), type, uri, set));
    }

    @Override
    public SecurityLabel securityLabel() {
        return conn.gate(Operation.DOMAIN_GET_SECURITY_LABEL, this, h -> h.domainSecurityLabel(ref()));
    }

    @Override
    public void start(DomainStartFlag... flags) {
        Set<DomainStartFlag> set = Flags.of(flags);
        DomainRef started = conn.gate(Operation.DOMAIN_CREATE, this, h -> h.startDomain(ref(), set));
        if (started != null) {
            id = started.id();
        }
    }

    @Override
    public void shutdown(ShutdownMode... modes) {
        Set<ShutdownMode> set = modes.length == 0 ? Set.of() : EnumSet.copyOf(List.of(modes));
        conn.gateRun(Operation.DOMAIN_SHUTDOWN, this, h -> h.shutdownDomain(ref(), set));
    }

    @Override
    public void destroy() {
        conn.gateRun(Operation.DOMAIN_DESTROY, this, h -> h.destroyDomain(ref()));
        id = -1;
    }

    @Override
    public void reboot(ShutdownMode... modes) {
        Set<ShutdownMode> set = modes.length == 0 ? Set.of() : EnumSet.copyOf(List.of(modes));
        conn.gateRun(Operation.DOMAIN_REBOOT, this, h -> h.rebootDomain(ref(), set));
    }

    @Override
    public void reset() {
        conn.gateRun(Operation.DOMAIN_RESET, this, h -> h.resetDomain(ref()));
    }

    @Override
    public void suspend() {
        conn.gateRun(Operation.DOMAIN_SUSPEND, this, h -> h.suspendDomain(ref()));
    }

    @Override
    public void resume() {
        conn.gateRun(Operation.DOMAIN_RESUME, this, h -> h.resumeDomain(ref()));
    }

    @Override
    public void save(String path) {
        if (path == null || path.isEmpty()) {
            throw VirtException.invalidArg("save needs a file path");
        }
        conn.gateRun(Operation.DOMAIN_SAVE, this, h -> h.saveDomain(ref(), path));
        id = -1;
    }

    @Override
    public void undefine(DomainUndefineFlag... flags) {
        Set<DomainUndefineFlag> set = Flags.of(flags);
        conn.gateRun(Operation.DOMAIN_UNDEFINE, this, h -> h.undefineDomain(ref(), set));
    }

    @Override
    public void setAutostart(boolean autostart) {
        conn.gateRun(Operation.DOMAIN_SET_AUTOSTART, this, h -> h.setDomainAutostart(ref(), autostart));
    }

    @Override
    public void setMemory(long kib, ModificationImpact... impact) {
        if (kib <= 0) {
            throw VirtException.invalidArg("memory size must be positive: " + kib);
        }
        Set<ModificationImpact> set = impacts(impact);
        conn.gateRun(Operation.DOMAIN_SET_MEMORY, this, h -> h.setDomainMemory(ref(), kib, set));
    }

    @Override
    public void setMaxMemory(long kib, ModificationImpact... impact) {
        if (kib <= 0) {
            throw VirtException.invalidArg("memory size must be positive: " + kib);
        }
        Set<ModificationImpact> set = impacts(impact);
        conn.gateRun(Operation.DOMAIN_SET_MAX_MEMORY, this, h -> h.setDomainMaxMemory(ref(), kib, set));
    }

    @Override
    public void setVcpus(int count, ModificationImpact... impact) {
        if (count <= 0) {
            throw VirtException.invalidArg("vcpu count must be positive: " + count);
        }
        Set<ModificationImpact> set = impacts(impact);
        conn.gateRun(Operation.DOMAIN_SET_VCPUS, this, h -> h.setDomainVcpus(ref(), count, set));
    }

    @Override
    public void attachDevice(String deviceXml, ModificationImpact... impact) {
        Set<ModificationImpact> set = impacts(impact);
        conn.gateRun(Operation.DOMAIN_ATTACH_DEVICE, this, h -> h.attachDevice(ref(), deviceXml, set));
    }

    @Override
    public void detachDevice(String deviceXml, ModificationImpact... impact) {
        Set<ModificationImpact> set = impacts(impact);
        conn.gateRun(Operation.DOMAIN_DETACH_DEVICE, this, h -> h.detachDevice(ref(), deviceXml, set));
    }

    @Override
    public void updateDevice(String deviceXml, ModificationImpact... impact) {
        Set<ModificationImpact> set = impacts(impact);
        conn.gateRun(Operation.DOMAIN_UPDATE_DEVICE, this, h -> h.updateDevice(ref(), deviceXml, set));
    }

    @Override
    public void setMetadata(MetadataType type, String value, String key, String uri, ModificationImpact... impact) {
        Set<ModificationImpact> set = impacts(impact);
        conn.gateRun(Operation.DOMAIN_SET_METADATA, this,
                h -> h.setDomainMetadata(ref(), type, value, key, uri, set));
    }

    /** The impact set a driver sees: CURRENT alone is the same as none. */
    static Set<ModificationImpact> impacts(ModificationImpact... impact) {
        if (impact.length == 0) {
            return Set.of();
        }
        EnumSet<ModificationImpact> s = EnumSet.copyOf(List.of(impact));
        s.remove(ModificationImpact.CURRENT);
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DomainHandle && ((DomainHandle) o).conn == conn
                && ((DomainHandle) o).ref.uuid().equals(ref.uuid());
    }

    @Override
    public int hashCode() {
        return ref.uuid().hashCode();
    }

    @Override
    public String toString() {
        return "Domain[" + ref.name() + ", " + ref.uuid() + "]";
    }
}
