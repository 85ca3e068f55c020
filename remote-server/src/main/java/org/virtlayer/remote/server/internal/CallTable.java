package org.virtlayer.remote.server.internal;

import static org.virtlayer.remote.protocol.RemoteMethod.*;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainDefineFlag;
import org.virtlayer.api.DomainListFlag;
import org.virtlayer.api.DomainStartFlag;
import org.virtlayer.api.DomainUndefineFlag;
import org.virtlayer.api.DomainXmlFlag;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.MetadataType;
import org.virtlayer.api.ModificationImpact;
import org.virtlayer.api.Network;
import org.virtlayer.api.NetworkListFlag;
import org.virtlayer.api.NetworkUpdateCommand;
import org.virtlayer.api.NetworkUpdateSection;
import org.virtlayer.api.ShutdownMode;
import org.virtlayer.api.StatsGroup;
import org.virtlayer.api.StoragePool;
import org.virtlayer.api.StoragePoolBuildFlag;
import org.virtlayer.api.StoragePoolDeleteFlag;
import org.virtlayer.api.StoragePoolListFlag;
import org.virtlayer.api.StorageVolume;
import org.virtlayer.api.StorageVolumeCreateFlag;
import org.virtlayer.api.StorageVolumeResizeFlag;
import org.virtlayer.api.VirtException;
import org.virtlayer.remote.protocol.Args;
import org.virtlayer.remote.protocol.RemoteMethod;
import org.virtlayer.remote.protocol.WireStats;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.DomainSummary;
import org.virtlayer.spi.NetworkSummary;
import org.virtlayer.spi.NodeDeviceRef;
import org.virtlayer.spi.PoolSummary;

/**
 * What each JSON call does on the node: read the arguments, call the node's API on the session's connection, return
 * a value Jackson writes. Access is not decided here: the session's connection is read-only for read-only clients,
 * so the core's operation table refuses what they may not do.
 */
final class CallTable {
    @FunctionalInterface
    interface Handler {
        Object call(Session s, Args a);
    }

    private final Map<RemoteMethod, Handler> handlers = new EnumMap<>(RemoteMethod.class);

    CallTable() {
        node();
        domains();
        networks();
        pools();
        volumes();
        devices();
        for (RemoteMethod m : RemoteMethod.values()) {
            if (!m.isStream() && !handlers.containsKey(m)) {
                throw new IllegalStateException("no handler for " + m.wireName());
            }
        }
    }

    /** Runs one call. @throws VirtException the node's error, or INVALID_ARG for bad arguments */
    Object call(RemoteMethod m, Session s, Args a) {
        Handler h = handlers.get(m);
        if (h == null) {
            throw new VirtException(ErrorCode.RPC, "RPC error: " + m.wireName() + " is not a JSON call");
        }
        return h.call(s, a);
    }

    private void on(RemoteMethod m, Handler h) {
        handlers.put(m, h);
    }

    /** A call that returns nothing. */
    private void run(RemoteMethod m, java.util.function.BiConsumer<Session, Args> body) {
        handlers.put(m, (s, a) -> {
            body.accept(s, a);
            return null;
        });
    }

    private static <E extends Enum<E>> E[] arr(Set<E> set, Class<E> type) {
        @SuppressWarnings("unchecked")
        E[] out = (E[]) java.lang.reflect.Array.newInstance(type, set.size());
        return set.toArray(out);
    }

    private static ModificationImpact[] impact(Args a) {
        return arr(a.flags("impact", ModificationImpact.class), ModificationImpact.class);
    }

    private void node() {
        on(HOSTNAME, (s, a) -> s.connection().hostname());
        on(HYPERVISOR_VERSION, (s, a) -> s.connection().hypervisorVersion());
        on(CAPABILITIES, (s, a) -> s.connection().capabilities());
        on(IS_ALIVE, (s, a) -> s.connection().isAlive());
        on(NODE_INFO, (s, a) -> s.connection().nodeInfo());
        on(NODE_FREE_MEMORY, (s, a) -> s.connection().freeMemory());
        on(NODE_CELLS_FREE_MEMORY, (s, a) -> s.connection().cellsFreeMemory());
        on(NODE_SECURITY_MODEL, (s, a) -> s.connection().securityModel());
    }

    static DomainSummary summary(Domain d) {
        return new DomainSummary(Session.ref(d), d.state().state(), d.isPersistent(), d.autostart(),
                d.hasManagedSave(), false);
    }

    private void domains() {
        on(DOMAIN_LIST, (s, a) -> {
            List<Domain> found = s.connection().listDomains(
                    arr(a.flags("flags", DomainListFlag.class), DomainListFlag.class));
            List<DomainSummary> out = new ArrayList<>(found.size());
            for (Domain d : found) {
                try {
                    out.add(summary(d));
                } catch (VirtException e) {
                    if (e.code() != ErrorCode.NO_DOMAIN) {
                        throw e;
                    }
                    // undefined between the listing and the summary: no longer part of the answer
                }
            }
            return out;
        });
        on(DOMAIN_LOOKUP_BY_NAME, (s, a) -> Session.ref(s.connection().lookupDomainByName(a.string("name"))));
        on(DOMAIN_LOOKUP_BY_UUID, (s, a) -> Session.ref(s.connection().lookupDomainByUuid(a.uuid("uuid"))));
        on(DOMAIN_LOOKUP_BY_ID, (s, a) -> Session.ref(s.connection().lookupDomainById(a.intValue("id"))));
        on(DOMAIN_INFO, (s, a) -> s.domain(a.domain("domain")).info());
        on(DOMAIN_STATE, (s, a) -> s.domain(a.domain("domain")).state());
        on(DOMAIN_SUMMARY, (s, a) -> summary(s.domain(a.domain("domain"))));
        on(DOMAIN_OS_TYPE, (s, a) -> s.domain(a.domain("domain")).osType());
        on(DOMAIN_XML, (s, a) -> s.domain(a.domain("domain")).xml(
                arr(a.flags("flags", DomainXmlFlag.class), DomainXmlFlag.class)));
        on(DOMAIN_STATS, (s, a) -> {
            Connection c = s.connection();
            List<DomainRef> refs = a.optDomains("domains");
            List<Domain> domains = new ArrayList<>();
            if (refs != null) {
                for (DomainRef r : refs) {
                    domains.add(s.domain(r));
                }
            }
            return c.domainStats(domains, arr(a.flags("groups", StatsGroup.class), StatsGroup.class)).stream()
                    .map(WireStats::of).toList();
        });
        on(DOMAIN_METADATA, (s, a) -> s.domain(a.domain("domain")).metadata(a.enumValue("type", MetadataType.class),
                a.optString("uri"), impact(a)));
        on(DOMAIN_SECURITY_LABEL, (s, a) -> s.domain(a.domain("domain")).securityLabel());
        on(DOMAIN_DEFINE, (s, a) -> Session.ref(s.connection().defineDomain(a.string("xml"),
                arr(a.flags("flags", DomainDefineFlag.class), DomainDefineFlag.class))));
        on(DOMAIN_CREATE, (s, a) -> Session.ref(s.connection().createDomain(a.string("xml"),
                arr(a.flags("flags", DomainStartFlag.class), DomainStartFlag.class))));
        run(DOMAIN_UNDEFINE, (s, a) -> s.domain(a.domain("domain")).undefine(
                arr(a.flags("flags", DomainUndefineFlag.class), DomainUndefineFlag.class)));
        on(DOMAIN_START, (s, a) -> {
            Domain d = s.domain(a.domain("domain"));
            d.start(arr(a.flags("flags", DomainStartFlag.class), DomainStartFlag.class));
            return Session.ref(d);
        });
        run(DOMAIN_SHUTDOWN, (s, a) -> s.domain(a.domain("domain")).shutdown(
                arr(a.flags("modes", ShutdownMode.class), ShutdownMode.class)));
        run(DOMAIN_DESTROY, (s, a) -> s.domain(a.domain("domain")).destroy());
        run(DOMAIN_REBOOT, (s, a) -> s.domain(a.domain("domain")).reboot(
                arr(a.flags("modes", ShutdownMode.class), ShutdownMode.class)));
        run(DOMAIN_RESET, (s, a) -> s.domain(a.domain("domain")).reset());
        run(DOMAIN_SUSPEND, (s, a) -> s.domain(a.domain("domain")).suspend());
        run(DOMAIN_RESUME, (s, a) -> s.domain(a.domain("domain")).resume());
        run(DOMAIN_SAVE, (s, a) -> s.domain(a.domain("domain")).save(a.string("path")));
        on(DOMAIN_RESTORE, (s, a) -> Session.ref(s.connection().restoreDomain(a.string("path"))));
        run(DOMAIN_SET_AUTOSTART, (s, a) -> s.domain(a.domain("domain")).setAutostart(a.bool("autostart")));
        run(DOMAIN_SET_MEMORY, (s, a) -> s.domain(a.domain("domain")).setMemory(a.longValue("kib"), impact(a)));
        run(DOMAIN_SET_MAX_MEMORY, (s, a) -> s.domain(a.domain("domain")).setMaxMemory(a.longValue("kib"),
                impact(a)));
        run(DOMAIN_SET_VCPUS, (s, a) -> s.domain(a.domain("domain")).setVcpus(a.intValue("count"), impact(a)));
        run(DOMAIN_ATTACH_DEVICE, (s, a) -> s.domain(a.domain("domain")).attachDevice(a.string("xml"), impact(a)));
        run(DOMAIN_DETACH_DEVICE, (s, a) -> s.domain(a.domain("domain")).detachDevice(a.string("xml"), impact(a)));
        run(DOMAIN_UPDATE_DEVICE, (s, a) -> s.domain(a.domain("domain")).updateDevice(a.string("xml"), impact(a)));
        run(DOMAIN_SET_METADATA, (s, a) -> s.domain(a.domain("domain")).setMetadata(
                a.enumValue("type", MetadataType.class), a.optString("value"), a.optString("key"),
                a.optString("uri"), impact(a)));
    }

    private static NetworkSummary summary(Network n) {
        return new NetworkSummary(Session.ref(n), n.isActive(), n.isPersistent(), n.autostart());
    }

    private void networks() {
        on(NETWORK_LIST, (s, a) -> s.connection().listNetworks(
                arr(a.flags("flags", NetworkListFlag.class), NetworkListFlag.class)).stream()
                .map(CallTable::summary).toList());
        on(NETWORK_LOOKUP_BY_NAME, (s, a) -> Session.ref(s.connection().lookupNetworkByName(a.string("name"))));
        on(NETWORK_LOOKUP_BY_UUID, (s, a) -> Session.ref(s.connection().lookupNetworkByUuid(a.uuid("uuid"))));
        on(NETWORK_SUMMARY, (s, a) -> summary(s.network(a.network("network"))));
        on(NETWORK_DEFINE, (s, a) -> Session.ref(s.connection().defineNetwork(a.string("xml"))));
        on(NETWORK_CREATE, (s, a) -> Session.ref(s.connection().createNetwork(a.string("xml"))));
        run(NETWORK_START, (s, a) -> s.network(a.network("network")).start());
        run(NETWORK_DESTROY, (s, a) -> s.network(a.network("network")).destroy());
        run(NETWORK_UNDEFINE, (s, a) -> s.network(a.network("network")).undefine());
        on(NETWORK_XML, (s, a) -> s.network(a.network("network")).xml(a.optBool("inactive")));
        on(NETWORK_BRIDGE_NAME, (s, a) -> s.network(a.network("network")).bridgeName());
        run(NETWORK_SET_AUTOSTART, (s, a) -> s.network(a.network("network")).setAutostart(a.bool("autostart")));
        on(NETWORK_DHCP_LEASES, (s, a) -> s.network(a.network("network")).dhcpLeases(a.optString("mac")));
        run(NETWORK_UPDATE, (s, a) -> s.network(a.network("network")).update(
                a.enumValue("command", NetworkUpdateCommand.class), a.enumValue("section", NetworkUpdateSection.class),
                a.intValue("parentIndex"), a.string("xml"), impact(a)));
    }

    private static PoolSummary summary(StoragePool p) {
        return new PoolSummary(Session.ref(p), p.isActive(), p.isPersistent(), p.autostart());
    }

    private void pools() {
        on(POOL_LIST, (s, a) -> s.connection().listStoragePools(
                arr(a.flags("flags", StoragePoolListFlag.class), StoragePoolListFlag.class)).stream()
                .map(CallTable::summary).toList());
        on(POOL_LOOKUP_BY_NAME, (s, a) -> Session.ref(s.connection().lookupStoragePoolByName(a.string("name"))));
        on(POOL_LOOKUP_BY_UUID, (s, a) -> Session.ref(s.connection().lookupStoragePoolByUuid(a.uuid("uuid"))));
        on(POOL_SUMMARY, (s, a) -> summary(s.pool(a.pool("pool"))));
        on(POOL_DEFINE, (s, a) -> Session.ref(s.connection().defineStoragePool(a.string("xml"))));
        on(POOL_CREATE, (s, a) -> Session.ref(s.connection().createStoragePool(a.string("xml"),
                arr(a.flags("flags", StoragePoolBuildFlag.class), StoragePoolBuildFlag.class))));
        run(POOL_BUILD, (s, a) -> s.pool(a.pool("pool")).build(
                arr(a.flags("flags", StoragePoolBuildFlag.class), StoragePoolBuildFlag.class)));
        run(POOL_START, (s, a) -> s.pool(a.pool("pool")).start());
        run(POOL_DESTROY, (s, a) -> s.pool(a.pool("pool")).destroy());
        run(POOL_DELETE, (s, a) -> s.pool(a.pool("pool")).delete(
                arr(a.flags("flags", StoragePoolDeleteFlag.class), StoragePoolDeleteFlag.class)));
        run(POOL_UNDEFINE, (s, a) -> s.pool(a.pool("pool")).undefine());
        run(POOL_REFRESH, (s, a) -> s.pool(a.pool("pool")).refresh());
        on(POOL_INFO, (s, a) -> s.pool(a.pool("pool")).info());
        on(POOL_XML, (s, a) -> s.pool(a.pool("pool")).xml(a.optBool("inactive")));
        run(POOL_SET_AUTOSTART, (s, a) -> s.pool(a.pool("pool")).setAutostart(a.bool("autostart")));
        on(POOL_LIST_VOLUMES, (s, a) -> s.pool(a.pool("pool")).listVolumes().stream().map(Session::ref).toList());
    }

    private void volumes() {
        on(VOLUME_LOOKUP_BY_NAME, (s, a) -> Session.ref(s.pool(a.pool("pool")).lookupVolumeByName(a.string("name"))));
        on(VOLUME_LOOKUP_BY_PATH, (s, a) -> Session.ref(
                s.connection().lookupStorageVolumeByPath(a.string("path"))));
        on(VOLUME_LOOKUP_BY_KEY, (s, a) -> Session.ref(s.connection().lookupStorageVolumeByKey(a.string("key"))));
        on(VOLUME_CREATE, (s, a) -> Session.ref(s.pool(a.pool("pool")).createVolume(a.string("xml"),
                arr(a.flags("flags", StorageVolumeCreateFlag.class), StorageVolumeCreateFlag.class))));
        on(VOLUME_CREATE_FROM, (s, a) -> {
            StorageVolume source = s.volume(a.volume("source"));
            return Session.ref(s.pool(a.pool("pool")).createVolumeFrom(a.string("xml"), source,
                    arr(a.flags("flags", StorageVolumeCreateFlag.class), StorageVolumeCreateFlag.class)));
        });
        run(VOLUME_DELETE, (s, a) -> s.volume(a.volume("volume")).delete());
        run(VOLUME_WIPE, (s, a) -> s.volume(a.volume("volume")).wipe());
        run(VOLUME_RESIZE, (s, a) -> s.volume(a.volume("volume")).resize(a.longValue("capacity"),
                arr(a.flags("flags", StorageVolumeResizeFlag.class), StorageVolumeResizeFlag.class)));
        on(VOLUME_INFO, (s, a) -> s.volume(a.volume("volume")).info());
        on(VOLUME_XML, (s, a) -> s.volume(a.volume("volume")).xml());
        on(VOLUME_PATH, (s, a) -> s.volume(a.volume("volume")).path());
    }

    private void devices() {
        on(NODEDEV_LIST, (s, a) -> s.connection().listNodeDevices(a.optString("capability")).stream()
                .map(d -> new NodeDeviceRef(d.name(), d.parent(), d.capabilities())).toList());
        on(NODEDEV_LOOKUP, (s, a) -> {
            var d = s.connection().lookupNodeDeviceByName(a.string("name"));
            return new NodeDeviceRef(d.name(), d.parent(), d.capabilities());
        });
        on(NODEDEV_XML, (s, a) -> s.connection().lookupNodeDeviceByName(a.string("name")).xml());
    }
}
