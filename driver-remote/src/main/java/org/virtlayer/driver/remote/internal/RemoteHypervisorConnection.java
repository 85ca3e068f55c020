package org.virtlayer.driver.remote.internal;

import static org.virtlayer.driver.remote.internal.NodeLink.args;
import static org.virtlayer.remote.protocol.RemoteMethod.*;

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
import org.virtlayer.api.MetadataType;
import org.virtlayer.api.ModificationImpact;
import org.virtlayer.api.NodeInfo;
import org.virtlayer.api.SecurityLabel;
import org.virtlayer.api.SecurityModel;
import org.virtlayer.api.ShutdownMode;
import org.virtlayer.api.StatsGroup;
import org.virtlayer.remote.protocol.WireStats;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.DomainSummary;
import org.virtlayer.spi.HypervisorConnection;
import org.virtlayer.spi.NetworkService;
import org.virtlayer.spi.NodeDeviceService;
import org.virtlayer.spi.StorageService;

/**
 * A connection to a remote node: every call is one JSON call on the node's session, every event arrives on the
 * session's stream. The node's networks, storage and devices are served through it too, never the local machine's.
 */
final class RemoteHypervisorConnection implements HypervisorConnection {
    private final NodeLink link;
    private final EventReader events;
    private final RemoteNetworks networks;
    private final RemoteStorage storage;
    private final RemoteNodeDevices devices;

    RemoteHypervisorConnection(NodeLink link, EventReader events) {
        this.link = link;
        this.events = events;
        this.networks = new RemoteNetworks(link);
        this.storage = new RemoteStorage(link);
        this.devices = new RemoteNodeDevices(link);
    }

    /** Each remote connection is its own node for the core's job locks: the node serialises jobs itself. */
    @Override
    public Object node() {
        return link;
    }

    @Override
    public String hypervisorType() {
        return link.session().hypervisorType();
    }

    @Override
    public long hypervisorVersion() {
        return link.call(HYPERVISOR_VERSION, args(), Long.class);
    }

    @Override
    public boolean isAlive() {
        return link.isUp();
    }

    @Override
    public void close() {
        events.stop();
        link.close();
    }

    @Override
    public String hostname() {
        return link.call(HOSTNAME, args(), String.class);
    }

    @Override
    public String capabilities() {
        return link.call(CAPABILITIES, args(), String.class);
    }

    @Override
    public NodeInfo nodeInfo() {
        return link.call(NODE_INFO, args(), NodeInfo.class);
    }

    @Override
    public long freeMemory() {
        return link.call(NODE_FREE_MEMORY, args(), Long.class);
    }

    @Override
    public List<Long> cellsFreeMemory() {
        return link.call(NODE_CELLS_FREE_MEMORY, args(), Types.listOf(Long.class));
    }

    @Override
    public SecurityModel securityModel() {
        return link.call(NODE_SECURITY_MODEL, args(), SecurityModel.class);
    }

    // ---- domains

    @Override
    public List<DomainSummary> listDomains(Set<DomainListFlag> flags) {
        return link.call(DOMAIN_LIST, args("flags", flags), Types.listOf(DomainSummary.class));
    }

    @Override
    public DomainRef lookupDomainByName(String name) {
        return link.call(DOMAIN_LOOKUP_BY_NAME, args("name", name), DomainRef.class);
    }

    @Override
    public DomainRef lookupDomainByUuid(UUID uuid) {
        return link.call(DOMAIN_LOOKUP_BY_UUID, args("uuid", uuid), DomainRef.class);
    }

    @Override
    public DomainRef lookupDomainById(int id) {
        return link.call(DOMAIN_LOOKUP_BY_ID, args("id", id), DomainRef.class);
    }

    @Override
    public DomainInfo domainInfo(DomainRef d) {
        return link.call(DOMAIN_INFO, args("domain", d), DomainInfo.class);
    }

    @Override
    public DomainStateInfo domainState(DomainRef d) {
        return link.call(DOMAIN_STATE, args("domain", d), DomainStateInfo.class);
    }

    @Override
    public DomainSummary domainSummary(DomainRef d) {
        return link.call(DOMAIN_SUMMARY, args("domain", d), DomainSummary.class);
    }

    @Override
    public String domainOsType(DomainRef d) {
        return link.call(DOMAIN_OS_TYPE, args("domain", d), String.class);
    }

    @Override
    public String domainXml(DomainRef d, Set<DomainXmlFlag> flags) {
        return link.call(DOMAIN_XML, args("domain", d, "flags", flags), String.class);
    }

    @Override
    public List<DomainStatsRecord> domainStats(List<DomainRef> domains, Set<StatsGroup> groups) {
        List<WireStats> w = link.call(DOMAIN_STATS, args("domains", domains, "groups", groups),
                Types.listOf(WireStats.class));
        return w.stream().map(WireStats::toRecord).toList();
    }

    @Override
    public String domainMetadata(DomainRef d, MetadataType type, String uri, Set<ModificationImpact> impact) {
        return link.call(DOMAIN_METADATA, args("domain", d, "type", type, "uri", uri, "impact", impact),
                String.class);
    }

    @Override
    public SecurityLabel domainSecurityLabel(DomainRef d) {
        return link.call(DOMAIN_SECURITY_LABEL, args("domain", d), SecurityLabel.class);
    }

    @Override
    public DomainRef defineDomain(String xml, Set<DomainDefineFlag> flags) {
        return link.call(DOMAIN_DEFINE, args("xml", xml, "flags", flags), DomainRef.class);
    }

    @Override
    public DomainRef createDomain(String xml, Set<DomainStartFlag> flags) {
        return link.call(DOMAIN_CREATE, args("xml", xml, "flags", flags), DomainRef.class);
    }

    @Override
    public void undefineDomain(DomainRef d, Set<DomainUndefineFlag> flags) {
        link.call(DOMAIN_UNDEFINE, args("domain", d, "flags", flags), (Class<?>) null);
    }

    @Override
    public DomainRef startDomain(DomainRef d, Set<DomainStartFlag> flags) {
        return link.call(DOMAIN_START, args("domain", d, "flags", flags), DomainRef.class);
    }

    @Override
    public void shutdownDomain(DomainRef d, Set<ShutdownMode> modes) {
        link.call(DOMAIN_SHUTDOWN, args("domain", d, "modes", modes), (Class<?>) null);
    }

    @Override
    public void destroyDomain(DomainRef d) {
        link.call(DOMAIN_DESTROY, args("domain", d), (Class<?>) null);
    }

    @Override
    public void rebootDomain(DomainRef d, Set<ShutdownMode> modes) {
        link.call(DOMAIN_REBOOT, args("domain", d, "modes", modes), (Class<?>) null);
    }

    @Override
    public void resetDomain(DomainRef d) {
        link.call(DOMAIN_RESET, args("domain", d), (Class<?>) null);
    }

    @Override
    public void suspendDomain(DomainRef d) {
        link.call(DOMAIN_SUSPEND, args("domain", d), (Class<?>) null);
    }

    @Override
    public void resumeDomain(DomainRef d) {
        link.call(DOMAIN_RESUME, args("domain", d), (Class<?>) null);
    }

    @Override
    public void saveDomain(DomainRef d, String path) {
        link.call(DOMAIN_SAVE, args("domain", d, "path", path), (Class<?>) null);
    }

    @Override
    public DomainRef restoreDomain(String path) {
        return link.call(DOMAIN_RESTORE, args("path", path), DomainRef.class);
    }

    @Override
    public void setDomainAutostart(DomainRef d, boolean autostart) {
        link.call(DOMAIN_SET_AUTOSTART, args("domain", d, "autostart", autostart), (Class<?>) null);
    }

    @Override
    public void setDomainMemory(DomainRef d, long kib, Set<ModificationImpact> impact) {
        link.call(DOMAIN_SET_MEMORY, args("domain", d, "kib", kib, "impact", impact), (Class<?>) null);
    }

    @Override
    public void setDomainMaxMemory(DomainRef d, long kib, Set<ModificationImpact> impact) {
        link.call(DOMAIN_SET_MAX_MEMORY, args("domain", d, "kib", kib, "impact", impact), (Class<?>) null);
    }

    @Override
    public void setDomainVcpus(DomainRef d, int count, Set<ModificationImpact> impact) {
        link.call(DOMAIN_SET_VCPUS, args("domain", d, "count", count, "impact", impact), (Class<?>) null);
    }

    @Override
    public void attachDevice(DomainRef d, String xml, Set<ModificationImpact> impact) {
        link.call(DOMAIN_ATTACH_DEVICE, args("domain", d, "xml", xml, "impact", impact), (Class<?>) null);
    }

    @Override
    public void detachDevice(DomainRef d, String xml, Set<ModificationImpact> impact) {
        link.call(DOMAIN_DETACH_DEVICE, args("domain", d, "xml", xml, "impact", impact), (Class<?>) null);
    }

    @Override
    public void updateDevice(DomainRef d, String xml, Set<ModificationImpact> impact) {
        link.call(DOMAIN_UPDATE_DEVICE, args("domain", d, "xml", xml, "impact", impact), (Class<?>) null);
    }

    @Override
    public void setDomainMetadata(DomainRef d, MetadataType type, String value, String key, String uri,
            Set<ModificationImpact> impact) {
        link.call(DOMAIN_SET_METADATA, args("domain", d, "type", type, "value", value, "key", key, "uri", uri,
                "impact", impact), (Class<?>) null);
    }

    // ---- the node's own networks, storage and devices, never this machine's

    @Override
    public NetworkService networks() {
        return networks;
    }

    @Override
    public StorageService storage() {
        return storage;
    }

    @Override
    public NodeDeviceService nodeDevices() {
        return devices;
    }
}
