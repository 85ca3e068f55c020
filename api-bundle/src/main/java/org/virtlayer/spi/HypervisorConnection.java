package org.virtlayer.spi;

import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;
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
import org.virtlayer.api.VirtException;

/**
 * One open connection of a hypervisor driver, libvirt's {@code virHypervisorDriver} table. The core has already
 * checked read-only access and holds the domain's job lock for mutating calls; the driver checks state (e.g. "domain
 * is already running") and reports events to its {@link EventSink}.
 *
 * <p>Every method not overridden fails with NO_SUPPORT naming the operation.
 */
@ConsumerType
public interface HypervisorConnection extends AutoCloseable {

    /**
     * Identifies the node this connection manages: connections to the same node return equal objects, so that the
     * core serialises jobs on a domain across all of them. Each {@code test:///default} is a private node.
     */
    Object node();

    /** {@code TEST}, {@code QEMU}, {@code LXC}. */
    String hypervisorType();

    default long hypervisorVersion() {
        return 0;
    }

    default boolean isAlive() {
        return true;
    }

    @Override
    default void close() {
    }

    default String hostname() {
        throw VirtException.noSupport("virConnectGetHostname");
    }

    default String capabilities() {
        throw VirtException.noSupport("virConnectGetCapabilities");
    }

    default NodeInfo nodeInfo() {
        throw VirtException.noSupport("virNodeGetInfo");
    }

    default long freeMemory() {
        throw VirtException.noSupport("virNodeGetFreeMemory");
    }

    default List<Long> cellsFreeMemory() {
        throw VirtException.noSupport("virNodeGetCellsFreeMemory");
    }

    default SecurityModel securityModel() {
        return SecurityModel.NONE;
    }

    // ---- domains: lists and lookups (queries, never under a job lock)

    /** The domains matching the flags, with {@link ListFilters#matches} semantics. */
    List<DomainSummary> listDomains(Set<DomainListFlag> flags);

    DomainRef lookupDomainByName(String name);

    DomainRef lookupDomainByUuid(java.util.UUID uuid);

    default DomainRef lookupDomainById(int id) {
        throw VirtException.noSupport("virDomainLookupByID");
    }

    default DomainInfo domainInfo(DomainRef domain) {
        throw VirtException.noSupport("virDomainGetInfo");
    }

    DomainStateInfo domainState(DomainRef domain);

    /** The domain as a summary: state, persistence, autostart. */
    DomainSummary domainSummary(DomainRef domain);

    default String domainOsType(DomainRef domain) {
        throw VirtException.noSupport("virDomainGetOSType");
    }

    default String domainXml(DomainRef domain, Set<DomainXmlFlag> flags) {
        throw VirtException.noSupport("virDomainGetXMLDesc");
    }

    /** Statistics of the given domains, or of all if {@code domains} is null, in one pass. */
    default List<DomainStatsRecord> domainStats(List<DomainRef> domains, Set<StatsGroup> groups) {
        throw VirtException.noSupport("virConnectGetAllDomainStats");
    }

    default String domainMetadata(DomainRef domain, MetadataType type, String uri, Set<ModificationImpact> impact) {
        throw VirtException.noSupport("virDomainGetMetadata");
    }

    default SecurityLabel domainSecurityLabel(DomainRef domain) {
        throw VirtException.noSupport("virDomainGetSecurityLabel");
    }

    // ---- domains: changes (the core holds the domain's job lock around each)

    /** Defines or redefines a persistent domain; emits DEFINED ADDED or UPDATED. */
    default DomainRef defineDomain(String xml, Set<DomainDefineFlag> flags) {
        throw VirtException.noSupport("virDomainDefineXML");
    }

    default DomainRef createDomain(String xml, Set<DomainStartFlag> flags) {
        throw VirtException.noSupport("virDomainCreateXML");
    }

    default void undefineDomain(DomainRef domain, Set<DomainUndefineFlag> flags) {
        throw VirtException.noSupport("virDomainUndefine");
    }

    /** Starts a domain; returns it with its new ID. */
    default DomainRef startDomain(DomainRef domain, Set<DomainStartFlag> flags) {
        throw VirtException.noSupport("virDomainCreate");
    }

    default void shutdownDomain(DomainRef domain, Set<ShutdownMode> modes) {
        throw VirtException.noSupport("virDomainShutdown");
    }

    default void destroyDomain(DomainRef domain) {
        throw VirtException.noSupport("virDomainDestroy");
    }

    default void rebootDomain(DomainRef domain, Set<ShutdownMode> modes) {
        throw VirtException.noSupport("virDomainReboot");
    }

    default void resetDomain(DomainRef domain) {
        throw VirtException.noSupport("virDomainReset");
    }

    default void suspendDomain(DomainRef domain) {
        throw VirtException.noSupport("virDomainSuspend");
    }

    default void resumeDomain(DomainRef domain) {
        throw VirtException.noSupport("virDomainResume");
    }

    default void saveDomain(DomainRef domain, String path) {
        throw VirtException.noSupport("virDomainSave");
    }

    default DomainRef restoreDomain(String path) {
        throw VirtException.noSupport("virDomainRestore");
    }

    default void setDomainAutostart(DomainRef domain, boolean autostart) {
        throw VirtException.noSupport("virDomainSetAutostart");
    }

    default void setDomainMemory(DomainRef domain, long kib, Set<ModificationImpact> impact) {
        throw VirtException.noSupport("virDomainSetMemoryFlags");
    }

    default void setDomainMaxMemory(DomainRef domain, long kib, Set<ModificationImpact> impact) {
        throw VirtException.noSupport("virDomainSetMaxMemory");
    }

    default void setDomainVcpus(DomainRef domain, int count, Set<ModificationImpact> impact) {
        throw VirtException.noSupport("virDomainSetVcpusFlags");
    }

    default void attachDevice(DomainRef domain, String xml, Set<ModificationImpact> impact) {
        throw VirtException.noSupport("virDomainAttachDeviceFlags");
    }

    default void detachDevice(DomainRef domain, String xml, Set<ModificationImpact> impact) {
        throw VirtException.noSupport("virDomainDetachDeviceFlags");
    }

    default void updateDevice(DomainRef domain, String xml, Set<ModificationImpact> impact) {
        throw VirtException.noSupport("virDomainUpdateDeviceFlags");
    }

    default void setDomainMetadata(DomainRef domain, MetadataType type, String value, String key, String uri,
            Set<ModificationImpact> impact) {
        throw VirtException.noSupport("virDomainSetMetadata");
    }

    // ---- what else this driver serves itself

    /**
     * The driver's own networks (e.g. the test driver's in-memory ones), or null to use the network backend
     * installed on the node.
     */
    default NetworkService networks() {
        return null;
    }

    /** The driver's own storage, or null to use the storage backends installed on the node. */
    default StorageService storage() {
        return null;
    }

    /** The driver's own node devices, or null for this machine's devices as the core reads them. */
    default NodeDeviceService nodeDevices() {
        return null;
    }
}
