package org.virtlayer.core.internal.connection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.virtlayer.api.CloseReason;
import org.virtlayer.api.ConnectUri;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainDefineFlag;
import org.virtlayer.api.DomainListFlag;
import org.virtlayer.api.DomainStartFlag;
import org.virtlayer.api.DomainStatsRecord;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.Network;
import org.virtlayer.api.NetworkListFlag;
import org.virtlayer.api.NodeDevice;
import org.virtlayer.api.NodeInfo;
import org.virtlayer.api.SecurityModel;
import org.virtlayer.api.StatsGroup;
import org.virtlayer.api.StoragePool;
import org.virtlayer.api.StoragePoolBuildFlag;
import org.virtlayer.api.StoragePoolListFlag;
import org.virtlayer.api.StorageVolume;
import org.virtlayer.api.VirtException;
import org.virtlayer.api.event.CloseListener;
import org.virtlayer.api.event.DomainEvent;
import org.virtlayer.api.event.DomainEventListener;
import org.virtlayer.api.event.EventGapListener;
import org.virtlayer.api.event.EventRegistration;
import org.virtlayer.api.event.NetworkEvent;
import org.virtlayer.api.event.NetworkEventListener;
import org.virtlayer.api.event.StoragePoolEvent;
import org.virtlayer.api.event.StoragePoolEventListener;
import org.virtlayer.core.internal.calls.Operation;
import org.virtlayer.core.internal.calls.ProviderCalls;
import org.virtlayer.core.internal.event.EventHub;
import org.virtlayer.core.internal.registry.DriverRegistry;
import org.virtlayer.core.internal.registry.ProviderEntry;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.DomainSummary;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.HypervisorConnection;
import org.virtlayer.spi.HypervisorDriver;
import org.virtlayer.spi.NetworkRef;
import org.virtlayer.spi.NodeDeviceRef;
import org.virtlayer.spi.NodeDeviceService;
import org.virtlayer.spi.OpenRequest;
import org.virtlayer.spi.PoolRef;
import org.virtlayer.spi.VolumeRef;

/**
 * A connection as the API sees it, over one driver connection. Every call passes the same gate ({@link #gate}):
 * is the connection usable, may a read-only connection do this, does it need the domain's job lock; then it goes to
 * the driver through the driver's {@link ProviderCalls}. Networks and storage go through routers that find the
 * backend serving them now.
 */
public final class ConnectionImpl implements Connection {
    private static final System.Logger LOG = System.getLogger(ConnectionImpl.class.getName());

    private enum State { OPENING, OPEN, CLOSED, DRIVER_GONE, LOST }

    private final ConnectUri uri;
    private final boolean readOnly;
    private final CoreServices core;
    private final ProviderEntry<HypervisorDriver> driver;
    private final ProviderCalls calls;
    private final EventHub<DomainEvent> domainEvents;
    private final EventHub<NetworkEvent> networkEvents;
    private final EventHub<StoragePoolEvent> poolEvents;
    private final EventHub<CloseReason> closeEvents;
    private final EventHub<String> gapEvents;
    private final NetworkRouter networks;
    private final StorageRouter storage;
    private volatile HypervisorConnection hc;
    private volatile Object node;
    private volatile State state = State.OPENING;
    private volatile String lostMessage;

    ConnectionImpl(ConnectUri uri, boolean readOnly, CoreServices core, ProviderEntry<HypervisorDriver> driver) {
        this.uri = uri;
        this.readOnly = readOnly;
        this.core = core;
        this.driver = driver;
        this.calls = driver.calls();
        this.domainEvents = new EventHub<>(core.eventPool());
        this.networkEvents = new EventHub<>(core.eventPool());
        this.poolEvents = new EventHub<>(core.eventPool());
        this.closeEvents = new EventHub<>(core.eventPool());
        this.gapEvents = new EventHub<>(core.eventPool());
        BackendUser forBackends = new ForBackends();
        this.networks = new NetworkRouter(forBackends);
        this.storage = new StorageRouter(forBackends);
    }

    /** Opens the driver's side; on failure the connection is unusable and the error is the driver's. */
    void open(DriverContextImpl context) {
        HypervisorConnection opened = calls.call(Operation.CONNECT_OPEN,
                () -> driver.service().open(new OpenRequest(uri, readOnly), context));
        synchronized (this) {
            if (state != State.OPENING) {
                // the driver left while we were opening: do not keep what it gave us
                closeQuietly(opened);
                throw new VirtException(ErrorCode.DRIVER_UNAVAILABLE, "driver '" + driver.name()
                        + "' went away while opening " + uri);
            }
            hc = opened;
            node = opened.node();
            state = State.OPEN;
        }
        networks.adoptOwn(opened, calls);
        storage.adoptOwn(opened, calls);
    }

    // ---- the gate

    /** The driver connection, if this connection may be used now. */
    HypervisorConnection usable() {
        HypervisorConnection h = hc;
        State s = state;
        if (s == State.OPEN && h != null) {
            return h;
        }
        throw notUsable(s);
    }

    private VirtException notUsable(State s) {
        return switch (s) {
            case DRIVER_GONE -> new VirtException(ErrorCode.DRIVER_UNAVAILABLE, "driver '" + driver.name()
                    + "' serving " + uri + " was uninstalled or stopped; open the connection again once a driver for '"
                    + uri.driver() + "' is installed");
            case LOST -> new VirtException(ErrorCode.NO_CONNECT, "connection to " + uri + " was lost"
                    + (lostMessage == null ? "" : ": " + lostMessage));
            case CLOSED -> new VirtException(ErrorCode.INVALID_CONN, "connection to " + uri + " is closed");
            default -> new VirtException(ErrorCode.INVALID_CONN, "connection to " + uri + " is not open yet");
        };
    }

    /** Read-only access is decided here, and only here. */
    void checkAccess(Operation op) {
        if (readOnly && !op.allowedReadOnly()) {
            throw new VirtException(ErrorCode.OPERATION_DENIED, "operation forbidden: read only access prevents "
                    + op.apiName());
        }
    }

    /** A call on the connection or node: access checked, then the driver called through its guard. */
    <T> T gate(Operation op, Function<HypervisorConnection, T> body) {
        checkAccess(op);
        HypervisorConnection h = usable();
        return calls.call(op, () -> body.apply(h));
    }

    /** A call on one domain: as {@link #gate}, holding the domain's job lock if the operation changes it. */
    <T> T gate(Operation op, DomainHandle d, Function<HypervisorConnection, T> body) {
        checkAccess(op);
        HypervisorConnection h = usable();
        if (!op.domainJob()) {
            return calls.call(op, () -> body.apply(h));
        }
        try (var held = core.jobLocks().acquire(node, d.uuid(), d.name(), op.apiName(),
                core.timeouts().get().jobLockMillis())) {
            return calls.call(op, () -> body.apply(h));
        }
    }

    void gateRun(Operation op, DomainHandle d, java.util.function.Consumer<HypervisorConnection> body) {
        gate(op, d, h -> {
            body.accept(h);
            return null;
        });
    }

    CoreServices core() {
        return core;
    }

    ProviderEntry<HypervisorDriver> driver() {
        return driver;
    }

    ConnectUri connectUri() {
        return uri;
    }

    OpenRequest openRequest() {
        return new OpenRequest(uri, readOnly);
    }

    /** The backends are called on behalf of this connection while it is usable, and report to its listeners. */
    private final class ForBackends implements BackendUser {
        @Override
        public void checkUsable() {
            usable();
        }

        @Override
        public DriverRegistry registry() {
            return core.registry();
        }

        @Override
        public OpenRequest openRequest() {
            return ConnectionImpl.this.openRequest();
        }

        @Override
        public DriverContext backendContext() {
            return new DriverContextImpl(ConnectionImpl.this);
        }

        @Override
        public String describe() {
            return uri.toString();
        }
    }

    NetworkRouter networkRouter() {
        return networks;
    }

    StorageRouter storageRouter() {
        return storage;
    }

    EventHub<DomainEvent> domainEvents() {
        return domainEvents;
    }

    EventHub<NetworkEvent> networkEvents() {
        return networkEvents;
    }

    EventHub<StoragePoolEvent> poolEvents() {
        return poolEvents;
    }

    EventHub<String> gapEvents() {
        return gapEvents;
    }

    DomainHandle domainHandle(DomainRef ref) {
        return new DomainHandle(this, ref);
    }

    NetworkHandle networkHandle(NetworkRef ref) {
        return new NetworkHandle(this, ref);
    }

    PoolHandle poolHandle(PoolRef ref) {
        return new PoolHandle(this, ref);
    }

    VolumeHandle volumeHandle(VolumeRef ref, PoolRef pool) {
        return new VolumeHandle(this, ref, pool);
    }

    // ---- lifecycle of the connection

    @Override
    public String uri() {
        return uri.toString();
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public boolean isAlive() {
        HypervisorConnection h = hc;
        if (state != State.OPEN || h == null) {
            return false;
        }
        try {
            return calls.call(Operation.CONNECT_IS_ALIVE, h::isAlive);
        } catch (VirtException e) {
            return false;
        }
    }

    @Override
    public void close() {
        HypervisorConnection h;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            h = state == State.OPEN ? hc : null;
            state = State.CLOSED;
            hc = null;
        }
        core.registry().removeListener(listener);
        networks.close();
        storage.close();
        domainEvents.clear();
        networkEvents.clear();
        poolEvents.clear();
        closeEvents.clear();
        gapEvents.clear();
        if (h != null && !calls.isGone()) {
            try {
                calls.run(Operation.CONNECT_CLOSE, h::close);
            } catch (VirtException e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + uri + ": " + e.getMessage());
            }
        }
    }

    /** The registry's news, as it concerns this connection. */
    final org.virtlayer.core.internal.registry.DriverRegistry.Listener listener =
            new org.virtlayer.core.internal.registry.DriverRegistry.Listener() {
                @Override
                public void providerRemoved(ProviderEntry<?> entry) {
                    if (entry == driver) {
                        driverGone();
                    } else {
                        networks.providerRemoved(entry);
                        storage.providerRemoved(entry);
                    }
                }

                @Override
                public void providerAdded(ProviderEntry<?> entry) {
                    // routers look backends up on each call: a backend that arrives is used from the next call on
                }
            };

    /** Our driver left: every call fails with DRIVER_UNAVAILABLE from now on, and close listeners hear why. */
    void driverGone() {
        synchronized (this) {
            if (state == State.CLOSED || state == State.DRIVER_GONE) {
                return;
            }
            state = State.DRIVER_GONE;
            // drop the driver's objects so that an uninstalled bundle's classes can be collected
            hc = null;
        }
        networks.close();
        storage.close();
        closeEvents.publish(CloseReason.DRIVER_REMOVED);
        core.registry().removeListener(listener);
    }

    /** The driver says our node is lost. */
    void lost(CloseReason reason, String message) {
        HypervisorConnection h;
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            state = State.LOST;
            lostMessage = message;
            h = hc;
            hc = null;
        }
        closeEvents.publish(reason);
        closeQuietly(h);
    }

    private void closeQuietly(HypervisorConnection h) {
        if (h == null) {
            return;
        }
        try {
            core.workers().execute(() -> {
                try {
                    h.close();
                } catch (RuntimeException | LinkageError e) {
                    LOG.log(System.Logger.Level.DEBUG, "closing a discarded driver connection", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "worker pool stopped; driver connection not closed");
        }
    }

    // ---- node

    @Override
    public String hostname() {
        return gate(Operation.CONNECT_GET_HOSTNAME, HypervisorConnection::hostname);
    }

    @Override
    public String hypervisorType() {
        return usable().hypervisorType();
    }

    @Override
    public long hypervisorVersion() {
        return gate(Operation.CONNECT_GET_VERSION, HypervisorConnection::hypervisorVersion);
    }

    @Override
    public long libraryVersion() {
        return core.libraryVersion().getAsLong();
    }

    @Override
    public String capabilities() {
        return gate(Operation.CONNECT_GET_CAPABILITIES, HypervisorConnection::capabilities);
    }

    @Override
    public NodeInfo nodeInfo() {
        return gate(Operation.NODE_GET_INFO, HypervisorConnection::nodeInfo);
    }

    @Override
    public long freeMemory() {
        return gate(Operation.NODE_GET_FREE_MEMORY, HypervisorConnection::freeMemory);
    }

    @Override
    public List<Long> cellsFreeMemory() {
        return gate(Operation.NODE_GET_CELLS_FREE_MEMORY, HypervisorConnection::cellsFreeMemory);
    }

    @Override
    public SecurityModel securityModel() {
        return gate(Operation.NODE_GET_SECURITY_MODEL, HypervisorConnection::securityModel);
    }

    // ---- domains

    /** The last listing: a driver that hands back the very same list (nothing changed) gets the same handles. */
    private record Listing(List<DomainSummary> from, List<Domain> handles) {
    }

    private volatile Listing lastListing;

    @Override
    public List<Domain> listDomains(DomainListFlag... flags) {
        Set<DomainListFlag> set = Flags.of(flags);
        List<DomainSummary> found = gate(Operation.CONNECT_LIST_ALL_DOMAINS, h -> h.listDomains(set));
        Listing last = lastListing;
        if (last != null && last.from() == found) {
            // UIs poll the list of an unchanged node again and again; its handles need not be made again
            return last.handles();
        }
        Domain[] handles = new Domain[found.size()];
        for (int i = 0; i < handles.length; i++) {
            handles[i] = domainHandle(found.get(i).ref());
        }
        List<Domain> out = Collections.unmodifiableList(Arrays.asList(handles));
        lastListing = new Listing(found, out);
        return out;
    }

    @Override
    public Domain lookupDomainByName(String name) {
        if (name == null) {
            throw VirtException.invalidArg("domain name must not be null");
        }
        return domainHandle(gate(Operation.DOMAIN_LOOKUP_BY_NAME, h -> h.lookupDomainByName(name)));
    }

    @Override
    public Domain lookupDomainByUuid(UUID uuid) {
        if (uuid == null) {
            throw VirtException.invalidArg("domain UUID must not be null");
        }
        return domainHandle(gate(Operation.DOMAIN_LOOKUP_BY_UUID, h -> h.lookupDomainByUuid(uuid)));
    }

    @Override
    public Domain lookupDomainById(int id) {
        if (id < 0) {
            throw VirtException.invalidArg("domain ID must not be negative: " + id);
        }
        return domainHandle(gate(Operation.DOMAIN_LOOKUP_BY_ID, h -> h.lookupDomainById(id)));
    }

    @Override
    public Domain defineDomain(String xml, DomainDefineFlag... flags) {
        requireXml(xml);
        Set<DomainDefineFlag> set = Flags.of(flags);
        return domainHandle(gate(Operation.DOMAIN_DEFINE_XML, h -> h.defineDomain(xml, set)));
    }

    @Override
    public Domain createDomain(String xml, DomainStartFlag... flags) {
        requireXml(xml);
        Set<DomainStartFlag> set = Flags.of(flags);
        return domainHandle(gate(Operation.DOMAIN_CREATE_XML, h -> h.createDomain(xml, set)));
    }

    @Override
    public Domain restoreDomain(String path) {
        if (path == null || path.isEmpty()) {
            throw VirtException.invalidArg("restore needs the path of a saved domain");
        }
        return domainHandle(gate(Operation.DOMAIN_RESTORE, h -> h.restoreDomain(path)));
    }

    @Override
    public List<DomainStatsRecord> domainStats(List<Domain> domains, StatsGroup... groups) {
        Set<StatsGroup> set = groups.length == 0 ? EnumSet.allOf(StatsGroup.class) : EnumSet.copyOf(List.of(groups));
        List<DomainRef> refs = null;
        if (domains != null && !domains.isEmpty()) {
            refs = new ArrayList<>(domains.size());
            for (Domain d : domains) {
                refs.add(own(d).ref());
            }
        }
        List<DomainRef> target = refs;
        return gate(Operation.CONNECT_GET_ALL_DOMAIN_STATS, h -> h.domainStats(target, set));
    }

    DomainHandle own(Domain d) {
        if (!(d instanceof DomainHandle) || ((DomainHandle) d).connection() != this) {
            throw VirtException.invalidArg("domain " + (d == null ? "null" : "'" + d.name() + "'")
                    + " does not belong to this connection");
        }
        return (DomainHandle) d;
    }

    private static void requireXml(String xml) {
        if (xml == null || xml.isBlank()) {
            throw VirtException.xml("no XML document given");
        }
    }

    // ---- networks

    @Override
    public List<Network> listNetworks(NetworkListFlag... flags) {
        checkAccess(Operation.CONNECT_LIST_ALL_NETWORKS);
        Set<NetworkListFlag> set = Flags.of(flags);
        List<Network> out = new ArrayList<>();
        networks.listNetworks(set).forEach(s -> out.add(networkHandle(s.ref())));
        return out;
    }

    @Override
    public Network lookupNetworkByName(String name) {
        checkAccess(Operation.NETWORK_LOOKUP_BY_NAME);
        return networkHandle(networks.lookupNetworkByName(name));
    }

    @Override
    public Network lookupNetworkByUuid(UUID uuid) {
        checkAccess(Operation.NETWORK_LOOKUP_BY_UUID);
        return networkHandle(networks.lookupNetworkByUuid(uuid));
    }

    @Override
    public Network defineNetwork(String xml) {
        requireXml(xml);
        checkAccess(Operation.NETWORK_DEFINE_XML);
        return networkHandle(networks.defineNetwork(xml));
    }

    @Override
    public Network createNetwork(String xml) {
        requireXml(xml);
        checkAccess(Operation.NETWORK_CREATE_XML);
        return networkHandle(networks.createNetwork(xml));
    }

    // ---- storage

    @Override
    public List<StoragePool> listStoragePools(StoragePoolListFlag... flags) {
        checkAccess(Operation.CONNECT_LIST_ALL_STORAGE_POOLS);
        Set<StoragePoolListFlag> set = Flags.of(flags);
        List<StoragePool> out = new ArrayList<>();
        storage.listPools(set).forEach(s -> out.add(poolHandle(s.ref())));
        return out;
    }

    @Override
    public StoragePool lookupStoragePoolByName(String name) {
        checkAccess(Operation.STORAGE_POOL_LOOKUP_BY_NAME);
        return poolHandle(storage.lookupPoolByName(name));
    }

    @Override
    public StoragePool lookupStoragePoolByUuid(UUID uuid) {
        checkAccess(Operation.STORAGE_POOL_LOOKUP_BY_UUID);
        return poolHandle(storage.lookupPoolByUuid(uuid));
    }

    @Override
    public StoragePool defineStoragePool(String xml) {
        requireXml(xml);
        checkAccess(Operation.STORAGE_POOL_DEFINE_XML);
        return poolHandle(storage.definePool(xml));
    }

    @Override
    public StoragePool createStoragePool(String xml, StoragePoolBuildFlag... flags) {
        requireXml(xml);
        checkAccess(Operation.STORAGE_POOL_CREATE_XML);
        Set<StoragePoolBuildFlag> set = Flags.of(flags);
        return poolHandle(storage.createPool(xml, set));
    }

    @Override
    public StorageVolume lookupStorageVolumeByPath(String path) {
        checkAccess(Operation.STORAGE_VOL_LOOKUP_BY_PATH);
        VolumeRef v = storage.lookupVolumeByPath(path);
        if (v == null) {
            throw VirtException.noStorageVol("no storage vol with matching path '" + path + "'");
        }
        return volumeHandle(v, storage.lookupPoolByName(v.pool()));
    }

    @Override
    public StorageVolume lookupStorageVolumeByKey(String key) {
        checkAccess(Operation.STORAGE_VOL_LOOKUP_BY_KEY);
        VolumeRef v = storage.lookupVolumeByKey(key);
        if (v == null) {
            throw VirtException.noStorageVol("no storage vol with matching key '" + key + "'");
        }
        return volumeHandle(v, storage.lookupPoolByName(v.pool()));
    }

    // ---- node devices

    private <T> T devices(Operation op, Function<NodeDeviceService, T> body) {
        checkAccess(op);
        HypervisorConnection h = usable();
        return calls.call(op, () -> {
            NodeDeviceService own = h.nodeDevices();
            return body.apply(own != null ? own : core.hostDevices());
        });
    }

    @Override
    public List<NodeDevice> listNodeDevices(String capability) {
        List<NodeDeviceRef> refs = devices(Operation.CONNECT_LIST_ALL_NODE_DEVICES,
                s -> s.listNodeDevices(capability));
        List<NodeDevice> out = new ArrayList<>(refs.size());
        refs.forEach(r -> out.add(new NodeDeviceHandle(this, r)));
        return out;
    }

    @Override
    public NodeDevice lookupNodeDeviceByName(String name) {
        return new NodeDeviceHandle(this, devices(Operation.NODE_DEVICE_LOOKUP_BY_NAME, s -> s.lookupNodeDevice(name)));
    }

    String nodeDeviceXml(String name) {
        return devices(Operation.NODE_DEVICE_GET_XML_DESC, s -> s.nodeDeviceXml(name));
    }

    // ---- events

    @Override
    public EventRegistration addDomainEventListener(DomainEventListener listener) {
        usable();
        return domainEvents.subscribe(e -> true, listener::onEvent);
    }

    @Override
    public EventRegistration addDomainEventListener(Domain domain, DomainEventListener listener) {
        usable();
        UUID uuid = own(domain).uuid();
        return domainEvents.subscribe(e -> e.domain().uuid().equals(uuid), listener::onEvent);
    }

    @Override
    public EventRegistration addNetworkEventListener(NetworkEventListener listener) {
        usable();
        return networkEvents.subscribe(e -> true, listener::onEvent);
    }

    @Override
    public EventRegistration addStoragePoolEventListener(StoragePoolEventListener listener) {
        usable();
        return poolEvents.subscribe(e -> true, listener::onEvent);
    }

    @Override
    public EventRegistration addCloseListener(CloseListener listener) {
        return closeEvents.subscribe(r -> true, r -> listener.onClose(this, r));
    }

    @Override
    public EventRegistration addEventGapListener(EventGapListener listener) {
        return gapEvents.subscribe(r -> true, r -> listener.onGap(this, r));
    }

    <T> T quiet(Supplier<T> s, T fallback) {
        try {
            return s.get();
        } catch (VirtException e) {
            return fallback;
        }
    }

    @Override
    public String toString() {
        return "Connection[" + uri + (readOnly ? ", read-only" : "") + ", " + state + "]";
    }
}
