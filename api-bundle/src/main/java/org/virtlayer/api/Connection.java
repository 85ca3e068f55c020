package org.virtlayer.api;

import java.util.List;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;
import org.virtlayer.api.event.CloseListener;
import org.virtlayer.api.event.DomainEventListener;
import org.virtlayer.api.event.EventGapListener;
import org.virtlayer.api.event.EventRegistration;
import org.virtlayer.api.event.NetworkEventListener;
import org.virtlayer.api.event.StoragePoolEventListener;

/**
 * A connection to one node through one driver, libvirt's {@code virConnectPtr}. Safe for concurrent use. Every call
 * may cross a process or a network: any of them can throw {@link VirtException}, and once the driver behind it goes
 * away every call fails with {@link ErrorCode#DRIVER_UNAVAILABLE}.
 */
@ProviderType
public interface Connection extends AutoCloseable {

    // ---- the connection and the node

    /** The URI this connection was opened with. */
    String uri();

    boolean isReadOnly();

    /** True while the connection is open and its driver and node answer. */
    boolean isAlive();

    /** Closes the connection; further calls fail with {@link ErrorCode#INVALID_CONN}. Closing twice is harmless. */
    @Override
    void close();

    /** The node's host name. */
    String hostname();

    /** The hypervisor's name, as {@code virsh version} prints it: {@code TEST}, {@code QEMU}, {@code LXC}. */
    String hypervisorType();

    /** The hypervisor's version as libvirt encodes it: major * 1,000,000 + minor * 1,000 + release. */
    long hypervisorVersion();

    /** virtlayer's own version, encoded the same way. */
    long libraryVersion();

    /** The node's capabilities document, shaped like libvirt's {@code <capabilities>}. */
    String capabilities();

    NodeInfo nodeInfo();

    /** Free memory on the node, in bytes. */
    long freeMemory();

    /** Free memory in each NUMA cell, in bytes, cell 0 first. */
    List<Long> cellsFreeMemory();

    SecurityModel securityModel();

    // ---- domains

    /** Domains matching the flags (none: all of them), as an unmodifiable list. */
    List<Domain> listDomains(DomainListFlag... flags);

    /** @throws VirtException {@link ErrorCode#NO_DOMAIN} naming the name */
    Domain lookupDomainByName(String name);

    /** @throws VirtException {@link ErrorCode#NO_DOMAIN} naming the UUID */
    Domain lookupDomainByUuid(UUID uuid);

    /** @throws VirtException {@link ErrorCode#NO_DOMAIN} naming the ID */
    Domain lookupDomainById(int id);

    /**
     * Defines a persistent domain, or replaces the persistent definition of an existing one with the same name and
     * UUID.
     *
     * @throws VirtException {@link ErrorCode#XML_ERROR} naming the element or attribute for bad XML;
     *         {@link ErrorCode#OPERATION_FAILED} when the name or UUID belongs to another domain
     */
    Domain defineDomain(String xml, DomainDefineFlag... flags);

    /** Creates and starts a transient domain, which disappears when it stops. */
    Domain createDomain(String xml, DomainStartFlag... flags);

    /** Starts a domain from a file written by {@link Domain#save}. The path is on the node. */
    Domain restoreDomain(String path);

    /** Statistics of the given domains (all of them if none is given) in one call. */
    List<DomainStatsRecord> domainStats(List<Domain> domains, StatsGroup... groups);

    // ---- networks

    List<Network> listNetworks(NetworkListFlag... flags);

    Network lookupNetworkByName(String name);

    Network lookupNetworkByUuid(UUID uuid);

    Network defineNetwork(String xml);

    /** Creates and starts a transient network. */
    Network createNetwork(String xml);

    // ---- storage

    List<StoragePool> listStoragePools(StoragePoolListFlag... flags);

    StoragePool lookupStoragePoolByName(String name);

    StoragePool lookupStoragePoolByUuid(UUID uuid);

    StoragePool defineStoragePool(String xml);

    /**
     * Creates and starts a transient pool. With a build flag the pool's storage is built first, as libvirt's
     * {@code VIR_STORAGE_POOL_CREATE_WITH_BUILD}: {@link StoragePoolBuildFlag#NEW} builds it,
     * {@link StoragePoolBuildFlag#OVERWRITE} or {@link StoragePoolBuildFlag#NO_OVERWRITE} also say what becomes of
     * data already there. Without one the storage must exist already.
     */
    StoragePool createStoragePool(String xml, StoragePoolBuildFlag... flags);

    /** The volume with this path on the node, in whichever pool holds it. */
    StorageVolume lookupStorageVolumeByPath(String path);

    StorageVolume lookupStorageVolumeByKey(String key);

    // ---- node devices

    /** Node device names, optionally only those with the given capability ({@code net}, {@code pci}, ...). */
    List<NodeDevice> listNodeDevices(String capability);

    NodeDevice lookupNodeDeviceByName(String name);

    // ---- events

    /**
     * Registers a listener for lifecycle events of every domain of this connection. Events are delivered in order on
     * a thread of virtlayer's, never on the caller's; a slow listener delays only itself.
     */
    EventRegistration addDomainEventListener(DomainEventListener listener);

    /** Registers a listener for lifecycle events of one domain. */
    EventRegistration addDomainEventListener(Domain domain, DomainEventListener listener);

    EventRegistration addNetworkEventListener(NetworkEventListener listener);

    EventRegistration addStoragePoolEventListener(StoragePoolEventListener listener);

    /** Learns when this connection closes for another reason than {@link #close()}: driver removed, node lost. */
    EventRegistration addCloseListener(CloseListener listener);

    /**
     * Learns when events may have been missed while this connection stayed open (a remote node that restarted, a
     * listener too slow for the node). Connections to the local node never miss events; the default registers
     * nothing.
     */
    default EventRegistration addEventGapListener(EventGapListener listener) {
        return () -> {
        };
    }
}
