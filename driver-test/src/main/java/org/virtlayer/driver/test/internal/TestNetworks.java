package org.virtlayer.driver.test.internal;

import java.util.ArrayList;
import java.util.List;
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
import org.virtlayer.spi.NetworkService;
import org.virtlayer.spi.NetworkSummary;
import org.virtlayer.xml.NetworkDef;
import org.virtlayer.xml.SafeXmlParser;
import org.virtlayer.xml.XmlElement;

/** The networks of a test node: in memory, with libvirt's state rules and events. */
final class TestNetworks implements NetworkService {
    private final TestNode node;

    TestNetworks(TestNode node) {
        this.node = node;
    }

    private TestNetwork find(NetworkRef ref) {
        TestNetwork n = node.networks.get(ref.name());
        if (n == null || !n.def.uuid().equals(ref.uuid())) {
            throw VirtException.noNetwork("no network with matching uuid '" + ref.uuid() + "' (" + ref.name() + ")");
        }
        return n;
    }

    @Override
    public List<NetworkSummary> listNetworks(Set<NetworkListFlag> flags) {
        synchronized (node) {
            List<NetworkSummary> out = new ArrayList<>();
            for (TestNetwork n : node.networks.values()) {
                if (ListFilters.matches(flags, n.summary())) {
                    out.add(n.summary());
                }
            }
            return out;
        }
    }

    @Override
    public NetworkRef lookupNetworkByName(String name) {
        synchronized (node) {
            TestNetwork n = node.networks.get(name);
            if (n == null) {
                throw VirtException.noNetwork("no network with matching name '" + name + "'");
            }
            return n.ref();
        }
    }

    @Override
    public NetworkRef lookupNetworkByUuid(UUID uuid) {
        synchronized (node) {
            for (TestNetwork n : node.networks.values()) {
                if (n.def.uuid().equals(uuid)) {
                    return n.ref();
                }
            }
            throw VirtException.noNetwork("no network with matching uuid '" + uuid + "'");
        }
    }

    @Override
    public NetworkSummary networkSummary(NetworkRef network) {
        synchronized (node) {
            return find(network).summary();
        }
    }

    private TestNetwork existing(NetworkDef def) {
        TestNetwork byName = node.networks.get(def.name());
        if (byName != null && !byName.def.uuid().equals(def.uuid())) {
            throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: network '" + def.name()
                    + "' already exists with uuid " + byName.def.uuid());
        }
        for (TestNetwork n : node.networks.values()) {
            if (n != byName && n.def.uuid().equals(def.uuid())) {
                throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: network '" + n.def.name()
                        + "' is already defined with uuid " + def.uuid());
            }
        }
        return byName;
    }

    @Override
    public NetworkRef defineNetwork(String xml) {
        NetworkDef def = NetworkDef.parse(xml);
        synchronized (node) {
            TestNetwork n = existing(def);
            if (n == null) {
                n = new TestNetwork(def, true);
                node.networks.put(def.name(), n);
            } else {
                if (n.active) {
                    n.persistentDef = def;
                } else {
                    n.def = def;
                    n.persistentDef = def;
                }
                n.persistent = true;
            }
            node.emit(n.ref(), NetworkEventType.DEFINED);
            return n.ref();
        }
    }

    @Override
    public NetworkRef createNetwork(String xml) {
        NetworkDef def = NetworkDef.parse(xml);
        synchronized (node) {
            TestNetwork n = existing(def);
            if (n != null && n.active) {
                throw VirtException.invalidOperation("network '" + def.name() + "' is already active");
            }
            if (n == null) {
                n = new TestNetwork(def, false);
                node.networks.put(def.name(), n);
            } else {
                n.def = def;
            }
            n.active = true;
            node.emit(n.ref(), NetworkEventType.STARTED);
            return n.ref();
        }
    }

    @Override
    public void startNetwork(NetworkRef network) {
        synchronized (node) {
            TestNetwork n = find(network);
            if (n.active) {
                throw VirtException.invalidOperation("network is already active");
            }
            n.def = n.persistentDef.copy();
            n.active = true;
            node.emit(n.ref(), NetworkEventType.STARTED);
        }
    }

    @Override
    public void destroyNetwork(NetworkRef network) {
        synchronized (node) {
            TestNetwork n = find(network);
            if (!n.active) {
                throw VirtException.invalidOperation("network '" + n.def.name() + "' is not active");
            }
            n.active = false;
            n.ports.clear();
            n.def = n.persistentDef;
            if (!n.persistent) {
                node.networks.remove(n.def.name());
            }
            node.emit(n.ref(), NetworkEventType.STOPPED);
        }
    }

    @Override
    public void undefineNetwork(NetworkRef network) {
        synchronized (node) {
            TestNetwork n = find(network);
            if (!n.persistent) {
                throw VirtException.invalidOperation("network '" + n.def.name() + "' is not persistent");
            }
            if (n.active) {
                n.persistent = false;
                n.autostart = false;
                n.persistentDef = n.def;
            } else {
                node.networks.remove(n.def.name());
            }
            node.emit(n.ref(), NetworkEventType.UNDEFINED);
        }
    }

    @Override
    public String networkXml(NetworkRef network, boolean inactive) {
        synchronized (node) {
            TestNetwork n = find(network);
            return (inactive ? n.persistentDef : n.def).format();
        }
    }

    @Override
    public String networkBridgeName(NetworkRef network) {
        synchronized (node) {
            TestNetwork n = find(network);
            if (n.def.bridgeName() == null) {
                throw new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: network '" + n.def.name()
                        + "' does not have a bridge name.");
            }
            return n.def.bridgeName();
        }
    }

    @Override
    public void setNetworkAutostart(NetworkRef network, boolean autostart) {
        synchronized (node) {
            TestNetwork n = find(network);
            if (!n.persistent) {
                throw VirtException.invalidOperation("cannot set autostart for transient network");
            }
            n.autostart = autostart;
        }
    }

    /** The test network's leases: one per static DHCP host of an active network, valid for an hour. */
    @Override
    public List<NetworkDhcpLease> networkDhcpLeases(NetworkRef network, String mac) {
        synchronized (node) {
            TestNetwork n = find(network);
            List<NetworkDhcpLease> out = new ArrayList<>();
            if (!n.active) {
                return out;
            }
            long expiry = System.currentTimeMillis() / 1000 + 3600;
            for (XmlElement ip : n.def.ips()) {
                XmlElement dhcp = ip.child("dhcp");
                if (dhcp == null) {
                    continue;
                }
                boolean v6 = "ipv6".equals(ip.attr("family"));
                int prefix = ip.attr("prefix") != null ? Integer.parseInt(ip.attr("prefix"))
                        : prefixOf(ip.attr("netmask"), v6);
                for (XmlElement h : dhcp.children("host")) {
                    if (h.attr("ip") == null || (mac != null && !mac.equalsIgnoreCase(h.attr("mac")))) {
                        continue;
                    }
                    out.add(new NetworkDhcpLease(n.def.bridgeName(), expiry, v6, h.attr("mac"), h.attr("id"),
                            h.attr("ip"), prefix, h.attr("name"), null));
                }
            }
            return out;
        }
    }

    private static int prefixOf(String netmask, boolean v6) {
        if (netmask == null) {
            return v6 ? 64 : 24;
        }
        int bits = 0;
        for (String part : netmask.split("\\.")) {
            bits += Integer.bitCount(Integer.parseInt(part) & 0xff);
        }
        return bits;
    }

    @Override
    public void updateNetwork(NetworkRef network, NetworkUpdateCommand command, NetworkUpdateSection section,
            int parentIndex, String xml, Set<ModificationImpact> impact) {
        if (section != NetworkUpdateSection.IP_DHCP_HOST) {
            throw new VirtException(ErrorCode.NO_SUPPORT, "this function is not supported by the connection driver:"
                    + " can't update '" + section.virshName() + "' section of network");
        }
        XmlElement host = SafeXmlParser.parse(xml);
        if (!host.name().equals("host")) {
            throw VirtException.xml("unexpected element <" + host.name() + ">, expecting <host>");
        }
        synchronized (node) {
            TestNetwork n = find(network);
            boolean live = impact.contains(ModificationImpact.LIVE) || (impact.isEmpty() && n.active);
            boolean config = impact.contains(ModificationImpact.CONFIG) || (impact.isEmpty() && !n.active);
            if (live && !n.active) {
                throw VirtException.invalidOperation("network '" + n.def.name() + "' is not active");
            }
            if (config && !n.persistent) {
                throw VirtException.invalidOperation("cannot change persistent config of a transient network");
            }
            // the live and persistent definitions may be one object (a network loaded running from the node file):
            // each side gets its own changed copy, so that a live change never reaches the definition or back
            NetworkDef newLive = live ? updated(n.def, n, command, parentIndex, host) : n.def;
            NetworkDef newPersistent = !config ? n.persistentDef
                    : live && n.persistentDef == n.def ? newLive
                    : updated(n.persistentDef, n, command, parentIndex, host);
            n.def = n.active ? newLive : newPersistent;
            n.persistentDef = newPersistent;
        }
    }

    private static NetworkDef updated(NetworkDef def, TestNetwork n, NetworkUpdateCommand command, int parentIndex,
            XmlElement host) {
        NetworkDef c = def.copy();
        DhcpHosts.update(c, n.def.name(), command, parentIndex, host);
        return c;
    }

    /** Ports are only recorded: the test node has no bridge to plug anything into. */
    @Override
    public NetworkPort createPort(NetworkRef network, NetworkPortRequest request) {
        synchronized (node) {
            TestNetwork n = find(network);
            if (!n.active) {
                throw VirtException.invalidOperation("network '" + n.def.name() + "' is not active");
            }
            String mac = request.mac() == null ? MacAddresses.generate() : MacAddresses.normalize(request.mac());
            String plug = "bridge".equals(n.def.forwardMode()) ? NetworkPort.PLUG_BRIDGE : NetworkPort.PLUG_NETWORK;
            NetworkPort p = new NetworkPort(UUID.randomUUID(), n.ref(), request.ownerName(), request.ownerUuid(), mac,
                    plug, networkBridgeName(network), 0, null);
            n.ports.put(p.uuid(), p);
            return p;
        }
    }

    @Override
    public void deletePort(NetworkRef network, UUID port) {
        synchronized (node) {
            TestNetwork n = find(network);
            if (n.ports.remove(port) == null) {
                throw new VirtException(ErrorCode.NO_NETWORK_PORT, "network port not found: no network port with"
                        + " matching uuid '" + port + "'");
            }
        }
    }

    @Override
    public List<NetworkPort> listPorts(NetworkRef network) {
        synchronized (node) {
            return List.copyOf(find(network).ports.values());
        }
    }
}
