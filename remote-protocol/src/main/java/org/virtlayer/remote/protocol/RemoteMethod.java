package org.virtlayer.remote.protocol;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every call of the protocol: {@code POST /v1/sessions/{session}/{wireName}} with a JSON object of arguments. Each
 * names the libvirt API calls it performs on the node, the names of the core's operation table, so that access rules
 * (read-only, later per object) are decided from that one table, not from a list here.
 *
 * <p>Objects travel as small JSON objects: a domain {@code {"name","uuid","id"}}, a network {@code {"name","uuid"}}, a
 * pool {@code {"name","uuid","type"}}, a volume {@code {"pool","name","key"}}.
 */
public enum RemoteMethod {
    // connection and node
    HOSTNAME("connect.hostname", "virConnectGetHostname"),
    HYPERVISOR_VERSION("connect.hypervisorVersion", "virConnectGetVersion"),
    CAPABILITIES("connect.capabilities", "virConnectGetCapabilities"),
    IS_ALIVE("connect.isAlive", "virConnectIsAlive"),
    NODE_INFO("node.info", "virNodeGetInfo"),
    NODE_FREE_MEMORY("node.freeMemory", "virNodeGetFreeMemory"),
    NODE_CELLS_FREE_MEMORY("node.cellsFreeMemory", "virNodeGetCellsFreeMemory"),
    NODE_SECURITY_MODEL("node.securityModel", "virNodeGetSecurityModel"),

    // domains
    DOMAIN_LIST("domain.list", "virConnectListAllDomains"),
    DOMAIN_LOOKUP_BY_NAME("domain.lookupByName", "virDomainLookupByName"),
    DOMAIN_LOOKUP_BY_UUID("domain.lookupByUuid", "virDomainLookupByUUID"),
    DOMAIN_LOOKUP_BY_ID("domain.lookupById", "virDomainLookupByID"),
    DOMAIN_INFO("domain.info", "virDomainGetInfo"),
    DOMAIN_STATE("domain.state", "virDomainGetState"),
    DOMAIN_SUMMARY("domain.summary", "virDomainIsActive", "virDomainGetState", "virDomainIsPersistent",
            "virDomainGetAutostart", "virDomainHasManagedSaveImage"),
    DOMAIN_OS_TYPE("domain.osType", "virDomainGetOSType"),
    DOMAIN_XML("domain.xml", "virDomainGetXMLDesc"),
    DOMAIN_STATS("domain.stats", "virConnectGetAllDomainStats"),
    DOMAIN_METADATA("domain.metadata", "virDomainGetMetadata"),
    DOMAIN_SECURITY_LABEL("domain.securityLabel", "virDomainGetSecurityLabel"),
    DOMAIN_DEFINE("domain.define", "virDomainDefineXMLFlags"),
    DOMAIN_CREATE("domain.create", "virDomainCreateXML"),
    DOMAIN_UNDEFINE("domain.undefine", "virDomainUndefineFlags"),
    DOMAIN_START("domain.start", "virDomainCreateWithFlags"),
    DOMAIN_SHUTDOWN("domain.shutdown", "virDomainShutdownFlags"),
    DOMAIN_DESTROY("domain.destroy", "virDomainDestroy"),
    DOMAIN_REBOOT("domain.reboot", "virDomainReboot"),
    DOMAIN_RESET("domain.reset", "virDomainReset"),
    DOMAIN_SUSPEND("domain.suspend", "virDomainSuspend"),
    DOMAIN_RESUME("domain.resume", "virDomainResume"),
    DOMAIN_SAVE("domain.save", "virDomainSave"),
    DOMAIN_RESTORE("domain.restore", "virDomainRestore"),
    DOMAIN_SET_AUTOSTART("domain.setAutostart", "virDomainSetAutostart"),
    DOMAIN_SET_MEMORY("domain.setMemory", "virDomainSetMemoryFlags"),
    DOMAIN_SET_MAX_MEMORY("domain.setMaxMemory", "virDomainSetMaxMemory"),
    DOMAIN_SET_VCPUS("domain.setVcpus", "virDomainSetVcpusFlags"),
    DOMAIN_ATTACH_DEVICE("domain.attachDevice", "virDomainAttachDeviceFlags"),
    DOMAIN_DETACH_DEVICE("domain.detachDevice", "virDomainDetachDeviceFlags"),
    DOMAIN_UPDATE_DEVICE("domain.updateDevice", "virDomainUpdateDeviceFlags"),
    DOMAIN_SET_METADATA("domain.setMetadata", "virDomainSetMetadata"),

    // networks
    NETWORK_LIST("network.list", "virConnectListAllNetworks"),
    NETWORK_LOOKUP_BY_NAME("network.lookupByName", "virNetworkLookupByName"),
    NETWORK_LOOKUP_BY_UUID("network.lookupByUuid", "virNetworkLookupByUUID"),
    NETWORK_SUMMARY("network.summary", "virNetworkIsActive", "virNetworkIsPersistent", "virNetworkGetAutostart"),
    NETWORK_DEFINE("network.define", "virNetworkDefineXML"),
    NETWORK_CREATE("network.create", "virNetworkCreateXML"),
    NETWORK_START("network.start", "virNetworkCreate"),
    NETWORK_DESTROY("network.destroy", "virNetworkDestroy"),
    NETWORK_UNDEFINE("network.undefine", "virNetworkUndefine"),
    NETWORK_XML("network.xml", "virNetworkGetXMLDesc"),
    NETWORK_BRIDGE_NAME("network.bridgeName", "virNetworkGetBridgeName"),
    NETWORK_SET_AUTOSTART("network.setAutostart", "virNetworkSetAutostart"),
    NETWORK_DHCP_LEASES("network.dhcpLeases", "virNetworkGetDHCPLeases"),
    NETWORK_UPDATE("network.update", "virNetworkUpdate"),

    // storage pools
    POOL_LIST("pool.list", "virConnectListAllStoragePools"),
    POOL_LOOKUP_BY_NAME("pool.lookupByName", "virStoragePoolLookupByName"),
    POOL_LOOKUP_BY_UUID("pool.lookupByUuid", "virStoragePoolLookupByUUID"),
    POOL_SUMMARY("pool.summary", "virStoragePoolIsActive", "virStoragePoolIsPersistent",
            "virStoragePoolGetAutostart"),
    POOL_DEFINE("pool.define", "virStoragePoolDefineXML"),
    POOL_CREATE("pool.create", "virStoragePoolCreateXML"),
    POOL_BUILD("pool.build", "virStoragePoolBuild"),
    POOL_START("pool.start", "virStoragePoolCreate"),
    POOL_DESTROY("pool.destroy", "virStoragePoolDestroy"),
    POOL_DELETE("pool.delete", "virStoragePoolDelete"),
    POOL_UNDEFINE("pool.undefine", "virStoragePoolUndefine"),
    POOL_REFRESH("pool.refresh", "virStoragePoolRefresh"),
    POOL_INFO("pool.info", "virStoragePoolGetInfo"),
    POOL_XML("pool.xml", "virStoragePoolGetXMLDesc"),
    POOL_SET_AUTOSTART("pool.setAutostart", "virStoragePoolSetAutostart"),
    POOL_LIST_VOLUMES("pool.listVolumes", "virStoragePoolListAllVolumes"),

    // storage volumes
    VOLUME_LOOKUP_BY_NAME("volume.lookupByName", "virStorageVolLookupByName"),
    VOLUME_LOOKUP_BY_PATH("volume.lookupByPath", "virStorageVolLookupByPath"),
    VOLUME_LOOKUP_BY_KEY("volume.lookupByKey", "virStorageVolLookupByKey"),
    VOLUME_CREATE("volume.create", "virStorageVolCreateXML"),
    VOLUME_CREATE_FROM("volume.createFrom", "virStorageVolCreateXMLFrom"),
    VOLUME_DELETE("volume.delete", "virStorageVolDelete"),
    VOLUME_WIPE("volume.wipe", "virStorageVolWipe"),
    VOLUME_RESIZE("volume.resize", "virStorageVolResize"),
    VOLUME_INFO("volume.info", "virStorageVolGetInfo"),
    VOLUME_XML("volume.xml", "virStorageVolGetXMLDesc"),
    VOLUME_PATH("volume.path", "virStorageVolGetPath"),
    /** {@code PUT} with the raw content as body (chunked or with a length), not JSON. */
    VOLUME_UPLOAD("volume.upload", "virStorageVolUpload"),
    /** {@code GET}: the raw content comes back chunked. */
    VOLUME_DOWNLOAD("volume.download", "virStorageVolDownload"),

    // node devices
    NODEDEV_LIST("nodedev.list", "virConnectListAllNodeDevices"),
    NODEDEV_LOOKUP("nodedev.lookup", "virNodeDeviceLookupByName"),
    NODEDEV_XML("nodedev.xml", "virNodeDeviceGetXMLDesc");

    private static final Map<String, RemoteMethod> BY_WIRE_NAME = new HashMap<>();

    static {
        for (RemoteMethod m : values()) {
            BY_WIRE_NAME.put(m.wireName, m);
        }
    }

    private final String wireName;
    private final List<String> apiNames;

    RemoteMethod(String wireName, String... apiNames) {
        this.wireName = wireName;
        this.apiNames = List.of(apiNames);
    }

    /** The name in the request path, e.g. {@code domain.start}. */
    public String wireName() {
        return wireName;
    }

    /** libvirt's names of the API calls this performs on the node, as the core's operation table names them. */
    public List<String> apiNames() {
        return apiNames;
    }

    /** True for the two calls whose body is raw volume content rather than JSON. */
    public boolean isStream() {
        return this == VOLUME_UPLOAD || this == VOLUME_DOWNLOAD;
    }

    /** The method with this wire name, or null (the name comes from a peer: no exception, no echo). */
    public static RemoteMethod byWireName(String name) {
        return name == null ? null : BY_WIRE_NAME.get(name);
    }
}
