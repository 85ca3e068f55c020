package org.virtlayer.core.internal.calls;

/**
 * Every operation of the API, with what it needs: whether a read-only connection may call it, whether it holds the
 * domain's job lock, and how long it may take. This table is the one place read-only access and timeouts are decided
 * (a remote server's roles use it too).
 */
public enum Operation {
    // connection and node
    CONNECT_OPEN("virConnectOpen", Access.READ, Duration.LIFECYCLE, false),
    CONNECT_CLOSE("virConnectClose", Access.READ, Duration.QUICK, false),
    CONNECT_GET_HOSTNAME("virConnectGetHostname", Access.READ, Duration.QUICK, false),
    CONNECT_GET_CAPABILITIES("virConnectGetCapabilities", Access.READ, Duration.QUICK, false),
    CONNECT_GET_VERSION("virConnectGetVersion", Access.READ, Duration.QUICK, false),
    CONNECT_IS_ALIVE("virConnectIsAlive", Access.READ, Duration.QUICK, false),
    NODE_GET_INFO("virNodeGetInfo", Access.READ, Duration.QUICK, false),
    NODE_GET_FREE_MEMORY("virNodeGetFreeMemory", Access.READ, Duration.QUICK, false),
    NODE_GET_CELLS_FREE_MEMORY("virNodeGetCellsFreeMemory", Access.READ, Duration.QUICK, false),
    NODE_GET_SECURITY_MODEL("virNodeGetSecurityModel", Access.READ, Duration.QUICK, false),

    // domains
    CONNECT_LIST_ALL_DOMAINS("virConnectListAllDomains", Access.READ, Duration.QUICK, false),
    DOMAIN_LOOKUP_BY_NAME("virDomainLookupByName", Access.READ, Duration.QUICK, false),
    DOMAIN_LOOKUP_BY_UUID("virDomainLookupByUUID", Access.READ, Duration.QUICK, false),
    DOMAIN_LOOKUP_BY_ID("virDomainLookupByID", Access.READ, Duration.QUICK, false),
    DOMAIN_DEFINE_XML("virDomainDefineXMLFlags", Access.WRITE, Duration.QUICK, false),
    DOMAIN_CREATE_XML("virDomainCreateXML", Access.WRITE, Duration.LIFECYCLE, false),
    DOMAIN_RESTORE("virDomainRestore", Access.WRITE, Duration.LONG, false),
    CONNECT_GET_ALL_DOMAIN_STATS("virConnectGetAllDomainStats", Access.READ, Duration.QUICK, false),
    DOMAIN_GET_INFO("virDomainGetInfo", Access.READ, Duration.QUICK, false),
    DOMAIN_GET_STATE("virDomainGetState", Access.READ, Duration.QUICK, false),
    DOMAIN_IS_ACTIVE("virDomainIsActive", Access.READ, Duration.QUICK, false),
    DOMAIN_IS_PERSISTENT("virDomainIsPersistent", Access.READ, Duration.QUICK, false),
    DOMAIN_GET_OS_TYPE("virDomainGetOSType", Access.READ, Duration.QUICK, false),
    DOMAIN_GET_XML_DESC("virDomainGetXMLDesc", Access.READ, Duration.QUICK, false),
    /** The XML with secrets: libvirt refuses it on read-only connections. */
    DOMAIN_GET_XML_DESC_SECURE("virDomainGetXMLDesc", Access.SENSITIVE, Duration.QUICK, false),
    DOMAIN_GET_AUTOSTART("virDomainGetAutostart", Access.READ, Duration.QUICK, false),
    DOMAIN_HAS_MANAGED_SAVE_IMAGE("virDomainHasManagedSaveImage", Access.READ, Duration.QUICK, false),
    DOMAIN_GET_METADATA("virDomainGetMetadata", Access.READ, Duration.QUICK, false),
    DOMAIN_GET_SECURITY_LABEL("virDomainGetSecurityLabel", Access.READ, Duration.QUICK, false),
    DOMAIN_CREATE("virDomainCreateWithFlags", Access.WRITE, Duration.LIFECYCLE, true),
    DOMAIN_SHUTDOWN("virDomainShutdownFlags", Access.WRITE, Duration.LIFECYCLE, true),
    DOMAIN_DESTROY("virDomainDestroy", Access.WRITE, Duration.LIFECYCLE, true),
    DOMAIN_REBOOT("virDomainReboot", Access.WRITE, Duration.LIFECYCLE, true),
    DOMAIN_RESET("virDomainReset", Access.WRITE, Duration.LIFECYCLE, true),
    DOMAIN_SUSPEND("virDomainSuspend", Access.WRITE, Duration.LIFECYCLE, true),
    DOMAIN_RESUME("virDomainResume", Access.WRITE, Duration.LIFECYCLE, true),
    DOMAIN_SAVE("virDomainSave", Access.WRITE, Duration.LONG, true),
    DOMAIN_UNDEFINE("virDomainUndefineFlags", Access.WRITE, Duration.QUICK, true),
    DOMAIN_SET_AUTOSTART("virDomainSetAutostart", Access.WRITE, Duration.QUICK, true),
    DOMAIN_SET_MEMORY("virDomainSetMemoryFlags", Access.WRITE, Duration.LIFECYCLE, true),
    DOMAIN_SET_MAX_MEMORY("virDomainSetMaxMemory", Access.WRITE, Duration.LIFECYCLE, true),
    DOMAIN_SET_VCPUS("virDomainSetVcpusFlags", Access.WRITE, Duration.LIFECYCLE, true),
    DOMAIN_ATTACH_DEVICE("virDomainAttachDeviceFlags", Access.WRITE, Duration.LIFECYCLE, true),
    DOMAIN_DETACH_DEVICE("virDomainDetachDeviceFlags", Access.WRITE, Duration.LIFECYCLE, true),
    DOMAIN_UPDATE_DEVICE("virDomainUpdateDeviceFlags", Access.WRITE, Duration.LIFECYCLE, true),
    DOMAIN_SET_METADATA("virDomainSetMetadata", Access.WRITE, Duration.QUICK, true),

    // networks
    CONNECT_LIST_ALL_NETWORKS("virConnectListAllNetworks", Access.READ, Duration.QUICK, false),
    NETWORK_LOOKUP_BY_NAME("virNetworkLookupByName", Access.READ, Duration.QUICK, false),
    NETWORK_LOOKUP_BY_UUID("virNetworkLookupByUUID", Access.READ, Duration.QUICK, false),
    NETWORK_DEFINE_XML("virNetworkDefineXML", Access.WRITE, Duration.QUICK, false),
    NETWORK_CREATE_XML("virNetworkCreateXML", Access.WRITE, Duration.LIFECYCLE, false),
    NETWORK_IS_ACTIVE("virNetworkIsActive", Access.READ, Duration.QUICK, false),
    NETWORK_IS_PERSISTENT("virNetworkIsPersistent", Access.READ, Duration.QUICK, false),
    NETWORK_GET_AUTOSTART("virNetworkGetAutostart", Access.READ, Duration.QUICK, false),
    NETWORK_GET_BRIDGE_NAME("virNetworkGetBridgeName", Access.READ, Duration.QUICK, false),
    NETWORK_GET_XML_DESC("virNetworkGetXMLDesc", Access.READ, Duration.QUICK, false),
    NETWORK_GET_DHCP_LEASES("virNetworkGetDHCPLeases", Access.READ, Duration.QUICK, false),
    NETWORK_CREATE("virNetworkCreate", Access.WRITE, Duration.LIFECYCLE, false),
    NETWORK_DESTROY("virNetworkDestroy", Access.WRITE, Duration.LIFECYCLE, false),
    NETWORK_UNDEFINE("virNetworkUndefine", Access.WRITE, Duration.QUICK, false),
    NETWORK_SET_AUTOSTART("virNetworkSetAutostart", Access.WRITE, Duration.QUICK, false),
    NETWORK_UPDATE("virNetworkUpdate", Access.WRITE, Duration.LIFECYCLE, false),
    NETWORK_PORT_CREATE("virNetworkPortCreateXML", Access.DRIVER, Duration.LIFECYCLE, false),
    NETWORK_PORT_DELETE("virNetworkPortDelete", Access.DRIVER, Duration.LIFECYCLE, false),
    NETWORK_LIST_ALL_PORTS("virNetworkListAllPorts", Access.DRIVER, Duration.QUICK, false),

    // storage
    CONNECT_LIST_ALL_STORAGE_POOLS("virConnectListAllStoragePools", Access.READ, Duration.QUICK, false),
    STORAGE_POOL_LOOKUP_BY_NAME("virStoragePoolLookupByName", Access.READ, Duration.QUICK, false),
    STORAGE_POOL_LOOKUP_BY_UUID("virStoragePoolLookupByUUID", Access.READ, Duration.QUICK, false),
    STORAGE_POOL_DEFINE_XML("virStoragePoolDefineXML", Access.WRITE, Duration.QUICK, false),
    STORAGE_POOL_CREATE_XML("virStoragePoolCreateXML", Access.WRITE, Duration.LIFECYCLE, false),
    STORAGE_POOL_GET_INFO("virStoragePoolGetInfo", Access.READ, Duration.QUICK, false),
    STORAGE_POOL_IS_ACTIVE("virStoragePoolIsActive", Access.READ, Duration.QUICK, false),
    STORAGE_POOL_IS_PERSISTENT("virStoragePoolIsPersistent", Access.READ, Duration.QUICK, false),
    STORAGE_POOL_GET_AUTOSTART("virStoragePoolGetAutostart", Access.READ, Duration.QUICK, false),
    STORAGE_POOL_GET_XML_DESC("virStoragePoolGetXMLDesc", Access.READ, Duration.QUICK, false),
    STORAGE_POOL_BUILD("virStoragePoolBuild", Access.WRITE, Duration.LONG, false),
    STORAGE_POOL_CREATE("virStoragePoolCreate", Access.WRITE, Duration.LIFECYCLE, false),
    STORAGE_POOL_DESTROY("virStoragePoolDestroy", Access.WRITE, Duration.LIFECYCLE, false),
    STORAGE_POOL_DELETE("virStoragePoolDelete", Access.WRITE, Duration.LONG, false),
    STORAGE_POOL_UNDEFINE("virStoragePoolUndefine", Access.WRITE, Duration.QUICK, false),
    STORAGE_POOL_REFRESH("virStoragePoolRefresh", Access.WRITE, Duration.LONG, false),
    STORAGE_POOL_SET_AUTOSTART("virStoragePoolSetAutostart", Access.WRITE, Duration.QUICK, false),
    STORAGE_POOL_LIST_ALL_VOLUMES("virStoragePoolListAllVolumes", Access.READ, Duration.QUICK, false),
    STORAGE_VOL_LOOKUP_BY_NAME("virStorageVolLookupByName", Access.READ, Duration.QUICK, false),
    STORAGE_VOL_LOOKUP_BY_PATH("virStorageVolLookupByPath", Access.READ, Duration.QUICK, false),
    STORAGE_VOL_LOOKUP_BY_KEY("virStorageVolLookupByKey", Access.READ, Duration.QUICK, false),
    STORAGE_VOL_CREATE_XML("virStorageVolCreateXML", Access.WRITE, Duration.LONG, false),
    STORAGE_VOL_CREATE_XML_FROM("virStorageVolCreateXMLFrom", Access.WRITE, Duration.LONG, false),
    STORAGE_VOL_DELETE("virStorageVolDelete", Access.WRITE, Duration.LONG, false),
    STORAGE_VOL_WIPE("virStorageVolWipe", Access.WRITE, Duration.LONG, false),
    STORAGE_VOL_RESIZE("virStorageVolResize", Access.WRITE, Duration.LONG, false),
    STORAGE_VOL_GET_INFO("virStorageVolGetInfo", Access.READ, Duration.QUICK, false),
    STORAGE_VOL_GET_XML_DESC("virStorageVolGetXMLDesc", Access.READ, Duration.QUICK, false),
    STORAGE_VOL_GET_PATH("virStorageVolGetPath", Access.READ, Duration.QUICK, false),
    STORAGE_VOL_UPLOAD("virStorageVolUpload", Access.WRITE, Duration.LONG, false),
    /** A volume's content may hold a guest's secrets: not for read-only connections. */
    STORAGE_VOL_DOWNLOAD("virStorageVolDownload", Access.SENSITIVE, Duration.LONG, false),

    // node devices
    CONNECT_LIST_ALL_NODE_DEVICES("virConnectListAllNodeDevices", Access.READ, Duration.QUICK, false),
    NODE_DEVICE_LOOKUP_BY_NAME("virNodeDeviceLookupByName", Access.READ, Duration.QUICK, false),
    NODE_DEVICE_GET_XML_DESC("virNodeDeviceGetXMLDesc", Access.READ, Duration.QUICK, false),

    // events
    CONNECT_EVENT_REGISTER("virConnectDomainEventRegisterAny", Access.READ, Duration.QUICK, false);

    /** Who may call an operation. */
    public enum Access {
        /** Any connection, read-only ones included. */
        READ,
        /** Read-write connections only: it changes the node. */
        WRITE,
        /** Read-write connections only: it reveals secrets. */
        SENSITIVE,
        /**
         * Only drivers call it, through {@code DriverContext} (e.g. a network port for a guest being started): no
         * user's connection reaches it, so read-only access does not apply; the user's own call was checked.
         */
        DRIVER
    }

    /** Which timeout an operation runs under when its driver may block. */
    public enum Duration {
        /** A query or a small change: seconds. */
        QUICK,
        /** Starting or stopping something: tens of seconds. */
        LIFECYCLE,
        /** Moving data (save, restore, upload, build): no timeout. */
        LONG
    }

    private final String apiName;
    private final Access access;
    private final Duration duration;
    private final boolean domainJob;

    Operation(String apiName, Access access, Duration duration, boolean domainJob) {
        this.apiName = apiName;
        this.access = access;
        this.duration = duration;
        this.domainJob = domainJob;
    }

    /** libvirt's name for it, used in messages ("read only access prevents virDomainDestroy"). */
    public String apiName() {
        return apiName;
    }

    public Access access() {
        return access;
    }

    public Duration duration() {
        return duration;
    }

    /** True if it changes one existing domain and so holds that domain's job lock. */
    public boolean domainJob() {
        return domainJob;
    }

    /** True if a read-only connection may call it (driver-only operations are never checked). */
    public boolean allowedReadOnly() {
        return access == Access.READ || access == Access.DRIVER;
    }
}
