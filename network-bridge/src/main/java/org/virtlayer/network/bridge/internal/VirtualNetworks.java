package org.virtlayer.network.bridge.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.ModificationImpact;
import org.virtlayer.api.NetworkDhcpLease;
import org.virtlayer.api.NetworkListFlag;
import org.virtlayer.api.NetworkUpdateCommand;
import org.virtlayer.api.NetworkUpdateSection;
import org.virtlayer.api.VirtException;
import org.virtlayer.api.event.NetworkEventType;
import org.virtlayer.spi.ListFilters;
import org.virtlayer.spi.MacAddresses;
import org.virtlayer.spi.NetworkPort;
import org.virtlayer.spi.NetworkPortRequest;
import org.virtlayer.spi.NetworkRef;
import org.virtlayer.spi.NetworkSummary;
import org.virtlayer.xml.NetworkDef;
import org.virtlayer.xml.SafeXmlParser;
import org.virtlayer.xml.XmlElement;

/**
 * The node's virtual networks: definitions, states, lifecycle and ports, with libvirt's rules and events. One lock
 * (this object) guards everything, starts and stops included: they take a few hundred milliseconds of ip, nft and
 * dnsmasq runs, and two of them must never interleave on the same devices.
 */
final class VirtualNetworks {
    private static final System.Logger LOG = System.getLogger(VirtualNetworks.class.getName());

    private final NetworkStateFiles files;
    private final NetworkSetup setup;
    private final String namespace;
    final NetworkEvents events = new NetworkEvents();
    private final Map<String, VirtualNetwork> networks = new LinkedHashMap<>();

    VirtualNetworks(NetworkStateFiles files, NetworkSetup setup, String namespace) {
        this.files = files;
        this.setup = setup;
        this.namespace = namespace;
    }

    /**
     * Reads the networks back: persistent definitions, then the networks that were running when the backend
     * stopped (found again with their bridge and dnsmasq, or cleaned up if they are gone), then the autostart ones.
     */
    synchronized void load() {
        for (NetworkDef def : files.persistentDefinitions()) {
            VirtualNetwork n = new VirtualNetwork(def, true);
            n.autostart = files.autostart(def.name());
            networks.put(def.name(), n);
        }
        for (NetworkDef live : files.liveDefinitions()) {
            VirtualNetwork n = networks.computeIfAbsent(live.name(), k -> new VirtualNetwork(live, false));
            Optional<Long> pid;
            try {
                pid = setup.reattach(live);
            } catch (VirtException e) {
                LOG.log(System.Logger.Level.ERROR, "network '" + live.name() + "' runs but could not be set up"
                        + " again: " + e.getMessage());
                pid = Optional.of(0L);
            }
            if (pid.isPresent()) {
                n.def = live;
                n.active = true;
                n.dnsmasqPid = pid.get();
                for (NetworkPort p : files.ports(n.ref())) {
                    n.ports.put(p.uuid(), p);
                }
            } else {
                LOG.log(System.Logger.Level.WARNING, "network '" + live.name() + "' was running but its bridge is"
                        + " gone: it is inactive now");
                files.deleteLive(live.name());
                if (!n.persistent) {
                    networks.remove(live.name());
                }
            }
        }
        for (VirtualNetwork n : networks.values()) {
            if (n.autostart && !n.active) {
                try {
                    startWith(n, NetworkDefs.live(n.persistentDef));
                } catch (VirtException e) {
                    LOG.log(System.Logger.Level.ERROR, "cannot autostart network '" + n.name() + "': " + e);
                }
            }
        }
    }

    // ---- lookups

    synchronized List<NetworkSummary> list(Set<NetworkListFlag> flags) {
        List<NetworkSummary> out = new ArrayList<>();
        for (VirtualNetwork n : networks.values()) {
            if (ListFilters.matches(flags, n.summary())) {
                out.add(n.summary());
            }
        }
        return out;
    }

    synchronized NetworkRef lookupByName(String name) {
        VirtualNetwork n = networks.get(name);
        if (n == null) {
            throw VirtException.noNetwork("no network with matching name '" + name + "'");
        }
        return n.ref();
    }

    synchronized NetworkRef lookupByUuid(UUID uuid) {
        for (VirtualNetwork n : networks.values()) {
            if (n.def.uuid().equals(uuid)) {
                return n.ref();
            }
        }
        throw VirtException.noNetwork("no network with matching uuid '" + uuid + "'");
    }

    synchronized NetworkSummary summary(NetworkRef ref) {
        return find(ref).summary();
    }

    private VirtualNetwork find(NetworkRef ref) {
        VirtualNetwork n = networks.get(ref.name());
        if (n == null || !n.def.uuid().equals(ref.uuid())) {
            throw VirtException.noNetwork("no network with matching uuid '" + ref.uuid() + "' (" + ref.name() + ")");
        }
        return n;
    }

    private VirtualNetwork findActive(NetworkRef ref) {
        VirtualNetwork n = find(ref);
        if (!n.active) {
            throw VirtException.invalidOperation("network '" + n.name() + "' is not active");
        }
        return n;
    }

    // ---- definitions

    private VirtualNetwork existing(NetworkDef def) {
        VirtualNetwork byName = networks.get(def.name());
        if (byName != null && !byName.def.uuid().equals(def.uuid())) {
            throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: network '" + def.name()
                    + "' already exists with uuid " + byName.def.uuid());
        }
        for (VirtualNetwork n : networks.values()) {
            if (n != byName && n.def.uuid().equals(def.uuid())) {
                throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: network '" + n.name()
                        + "' is already defined with uuid " + def.uuid());
            }
        }
        return byName;
    }

    /** Bridge names, MAC: assigned as libvirt assigns them, away from every other network's bridge. */
    private void assign(NetworkDef def) {
        NetworkDefs.assign(def, new BridgeNames(() -> {
            Set<String> names = new HashSet<>();
            for (VirtualNetwork n : networks.values()) {
                if (!n.name().equals(def.name())) {
                    names.add(n.def.bridgeName());
                    names.add(n.persistentDef.bridgeName());
                }
            }
            return names;
        }, setup.devices()));
    }

    synchronized NetworkRef define(String xml) {
        NetworkDef def = NetworkDefs.parse(xml);
        VirtualNetwork n = existing(def);
        assign(def);
        files.saveDefinition(def);
        if (n == null) {
            n = new VirtualNetwork(def, true);
            networks.put(def.name(), n);
        } else {
            if (!n.active) {
                n.def = def;
            }
            n.persistentDef = def;
            n.persistent = true;
        }
        events.emit(n.ref(), NetworkEventType.DEFINED);
        return n.ref();
    }

    synchronized NetworkRef create(String xml) {
        NetworkDef def = NetworkDefs.parse(xml);
        VirtualNetwork n = existing(def);
        if (n != null && n.active) {
            throw VirtException.invalidOperation("network '" + def.name() + "' is already active");
        }
        assign(def);
        boolean added = n == null;
        if (added) {
            n = new VirtualNetwork(def, false);
            networks.put(def.name(), n);
        }
        try {
            startWith(n, NetworkDefs.live(def));
        } catch (RuntimeException e) {
            if (added) {
                networks.remove(def.name());
            }
            throw e;
        }
        events.emit(n.ref(), NetworkEventType.STARTED);
        return n.ref();
    }

    synchronized void undefine(NetworkRef ref) {
        VirtualNetwork n = find(ref);
        if (!n.persistent) {
            throw VirtException.invalidOperation("network '" + n.name() + "' is not persistent");
        }
        files.deleteDefinition(n.name());
        files.setAutostart(n.name(), false);
        if (n.active) {
            n.persistent = false;
            n.autostart = false;
            n.persistentDef = n.def;
        } else {
            networks.remove(n.name());
        }
        events.emit(n.ref(), NetworkEventType.UNDEFINED);
    }

    synchronized void setAutostart(NetworkRef ref, boolean on) {
        VirtualNetwork n = find(ref);
        if (!n.persistent) {
            throw VirtException.invalidOperation("cannot set autostart for transient network");
        }
        files.setAutostart(n.name(), on);
        n.autostart = on;
    }

    // ---- lifecycle

    synchronized void start(NetworkRef ref) {
        VirtualNetwork n = find(ref);
        if (n.active) {
            throw VirtException.invalidOperation("network is already active");
        }
        startWith(n, NetworkDefs.live(n.persistentDef));
        events.emit(n.ref(), NetworkEventType.STARTED);
    }

    private void startWith(VirtualNetwork n, NetworkDef live) {
        long pid = setup.start(live);
        n.def = live;
        n.active = true;
        n.dnsmasqPid = pid;
        files.saveLive(live);
    }

    synchronized void destroy(NetworkRef ref) {
        VirtualNetwork n = findActive(ref);
        try {
            setup.stop(n.def, n.dnsmasqPid);
        } finally {
            // whatever could not be removed is logged and reported; the network is stopped either way
            n.active = false;
            n.dnsmasqPid = 0;
            n.ports.clear();
            files.deleteLive(n.name());
            n.def = n.persistentDef;
            if (!n.persistent) {
                networks.remove(n.name());
            }
            events.emit(n.ref(), NetworkEventType.STOPPED);
        }
    }

    // ---- reading

    /** The definition; a running network's live one shows how many ports it has, as libvirt's does. */
    synchronized String xml(NetworkRef ref, boolean inactive) {
        VirtualNetwork n = find(ref);
        if (inactive) {
            return n.persistentDef.format();
        }
        if (n.active && !n.ports.isEmpty()) {
            NetworkDef live = n.def.copy();
            live.root().attr("connections", Integer.toString(n.ports.size()));
            return live.format();
        }
        return n.def.format();
    }

    synchronized String bridgeName(NetworkRef ref) {
        VirtualNetwork n = find(ref);
        if (n.def.bridgeName() == null) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: network '" + n.name()
                    + "' does not have a bridge name.");
        }
        return n.def.bridgeName();
    }

    synchronized List<NetworkDhcpLease> leases(NetworkRef ref, String mac) {
        VirtualNetwork n = find(ref);
        return n.active ? setup.leases(n.def, mac) : List.of();
    }

    // ---- changes to a definition

    synchronized void update(NetworkRef ref, NetworkUpdateCommand command, NetworkUpdateSection section,
            int parentIndex, String xml, Set<ModificationImpact> impact) {
        if (section != NetworkUpdateSection.IP_DHCP_HOST) {
            throw new VirtException(ErrorCode.NO_SUPPORT, "this function is not supported by the connection driver:"
                    + " can't update '" + section.virshName() + "' section of network");
        }
        XmlElement host = SafeXmlParser.parse(xml);
        VirtualNetwork n = find(ref);
        boolean live = impact.contains(ModificationImpact.LIVE)
                || (!impact.contains(ModificationImpact.CONFIG) && n.active);
        boolean config = impact.contains(ModificationImpact.CONFIG)
                || (!impact.contains(ModificationImpact.LIVE) && !n.active);
        if (live && !n.active) {
            throw VirtException.invalidOperation("network '" + n.name() + "' is not active");
        }
        if (config && !n.persistent) {
            throw VirtException.invalidOperation("cannot change persistent config of a transient network");
        }
        NetworkDef newLive = null;
        NetworkDef newConfig = null;
        if (live) {
            newLive = n.def.copy();
            DhcpHostSection.update(newLive, command, parentIndex, host);
            NetworkDefs.check(newLive);
        }
        if (config) {
            newConfig = n.persistentDef.copy();
            DhcpHostSection.update(newConfig, command, parentIndex, host);
            NetworkDefs.check(newConfig);
        }
        if (newLive != null) {
            n.dnsmasqPid = setup.refreshDhcp(newLive, n.dnsmasqPid);
            n.def = newLive;
            files.saveLive(newLive);
        }
        if (newConfig != null) {
            files.saveDefinition(newConfig);
            n.persistentDef = newConfig;
            if (!n.active) {
                n.def = newConfig;
            }
        }
    }

    // ---- ports

    synchronized NetworkPort createPort(NetworkRef ref, NetworkPortRequest request) {
        VirtualNetwork n = findActive(ref);
        String mac = request.mac() == null ? MacAddresses.generate() : MacAddresses.normalize(request.mac());
        boolean managed = NetworkDefs.managesBridge(n.def);
        XmlElement mtu = n.def.root().child("mtu");
        NetworkPort p = new NetworkPort(UUID.randomUUID(), n.ref(), request.ownerName(), request.ownerUuid(), mac,
                managed ? NetworkPort.PLUG_NETWORK : NetworkPort.PLUG_BRIDGE, n.def.bridgeName(),
                mtu == null || mtu.attr("size") == null ? 0 : Integer.parseInt(mtu.attr("size")), namespace);
        files.savePort(p);
        n.ports.put(p.uuid(), p);
        return p;
    }

    synchronized void deletePort(NetworkRef ref, UUID port) {
        VirtualNetwork n = find(ref);
        if (n.ports.remove(port) == null) {
            throw new VirtException(ErrorCode.NO_NETWORK_PORT, "network port not found: no network port with"
                    + " matching uuid '" + port + "'");
        }
        files.deletePort(n.ref(), port);
    }

    synchronized List<NetworkPort> ports(NetworkRef ref) {
        return List.copyOf(find(ref).ports.values());
    }
}
