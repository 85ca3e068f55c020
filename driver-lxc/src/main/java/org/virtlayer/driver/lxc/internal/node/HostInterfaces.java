package org.virtlayer.driver.lxc.internal.node;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.driver.lxc.internal.launch.ContainerPlan.HostSide;
import org.virtlayer.linux.LinuxException;
import org.virtlayer.linux.NetDevices;
import org.virtlayer.linux.Veth;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.NetworkPort;
import org.virtlayer.spi.NetworkPortRequest;
import org.virtlayer.spi.NetworkService;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.XmlElement;

/**
 * The host side of a container's {@code <interface>}s, decided before it starts: a free host name for each veth's
 * outer end ({@code vethN}, as libvirt names them), the bridge it joins, aliases. {@code type='bridge'}: its
 * {@code <source bridge>}. {@code type='network'}: a port of that network, asked of the network backend through the
 * node's own context (ports are the node's: a container's end is noticed when no connection may be open); the port
 * says the bridge, MTU and network namespace the host end goes to, and the live definition records it as libvirt does
 * ({@code <source network='N' portid='UUID' bridge='B'/>}), which is how a later driver finds it again.
 * {@code type='ethernet'}: no bridge. Both of those go to the namespace the node is configured with (the JVM's own
 * by default), a port's wherever the port says; the runtime status records every host end outside the JVM's.
 *
 * <p>The pairs themselves are made by the launcher once the container's network namespace exists. When a container
 * ends, its veths go ({@link #removeVeths}: they usually went with its namespace already), and when it does not start
 * again (a reboot), its ports ({@link #releasePorts}).
 */
final class HostInterfaces {
    private static final System.Logger LOG = System.getLogger(HostInterfaces.class.getName());

    private final DriverContext nodeContext;
    /** Where host ends of {@code bridge} and {@code ethernet} interfaces go: the node's configured namespace. */
    private final HostSide plain;
    private final Set<String> reserved = new HashSet<>();

    /** @param hostNamespace the network namespace of {@code bridge} and {@code ethernet} host ends; null: the JVM's */
    HostInterfaces(DriverContext nodeContext, String hostNamespace) {
        this.nodeContext = nodeContext;
        this.plain = new HostSide(hostNamespace, 0);
    }

    /**
     * Names, bridges, ports and aliases for every interface of a definition about to start.
     *
     * @return where host ends that are not plain go (a port's namespace or MTU), by host end name
     * @throws VirtException on failure, after giving back the names and ports it took
     */
    synchronized Map<String, HostSide> resolve(DomainDef live) {
        Map<String, HostSide> sides = new HashMap<>();
        Set<String> named = new HashSet<>();
        List<XmlElement> nics = live.devices("interface");
        for (XmlElement nic : nics) {
            // a port ID is the driver's record of a port it made, never the user's to give
            if (nic.child("source") != null) {
                nic.child("source").removeAttr("portid");
            }
        }
        try {
            for (int i = 0; i < nics.size(); i++) {
                XmlElement nic = nics.get(i);
                String type = nic.attr("type");
                XmlElement source = nic.child("source");
                HostSide side = plain;
                if ("network".equals(type)) {
                    side = createPort(live, nic);
                } else if ("bridge".equals(type) && (source == null || source.attr("bridge") == null)) {
                    throw VirtException.xml("interface " + i + " of type 'bridge' has no <source bridge='...'/>");
                }
                XmlElement target = nic.child("target");
                if (target == null || target.attr("dev") == null) {
                    nic.removeChildren("target");
                    target = XmlElement.of("target", "dev", freeName(side.namespace()));
                    nic.add(after(nic, "source", "mac"), target);
                } else if (reserved.contains(target.attr("dev"))
                        || NetDevices.exists(side.namespace(), target.attr("dev"))) {
                    throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: interface name '"
                            + target.attr("dev") + "' is already in use");
                }
                reserved.add(target.attr("dev"));
                named.add(target.attr("dev"));
                if (!side.equals(HostSide.HOST)) {
                    sides.put(target.attr("dev"), side);
                }
                if (nic.child("alias") == null) {
                    nic.add(XmlElement.of("alias", "name", "net" + i));
                }
            }
            return sides;
        } catch (RuntimeException e) {
            reserved.removeAll(named);
            releasePorts(live);
            throw e;
        }
    }

    /** A port of the interface's network for it, recorded in its {@code <source>}; where its host end goes. */
    private HostSide createPort(DomainDef live, XmlElement nic) {
        XmlElement source = nic.child("source");
        String network = source == null ? null : source.attr("network");
        if (network == null) {
            throw VirtException.xml("interface of type 'network' has no <source network='...'/>");
        }
        XmlElement mac = nic.child("mac");
        NetworkService networks = nodeContext.networks();
        NetworkPort port = networks.createPort(networks.lookupNetworkByName(network),
                new NetworkPortRequest(live.name(), live.uuid(), mac == null ? null : mac.attr("address")));
        if (mac == null) {
            nic.add(0, XmlElement.of("mac", "address", port.mac()));
        }
        source.attr("portid", port.uuid().toString());
        source.attr("bridge", port.bridge());
        source.orderAttributes(List.of("network", "portgroup", "portid", "bridge"));
        return new HostSide(port.namespace(), port.mtu());
    }

    private static int after(XmlElement nic, String... names) {
        int at = 0;
        for (String n : names) {
            XmlElement e = nic.child(n);
            if (e != null) {
                at = Math.max(at, nic.indexOf(e) + 1);
            }
        }
        return at;
    }

    /** A {@code vethN} free in the namespace the host end goes to (null: the host's) and not taken by a start. */
    private String freeName(String namespace) {
        Set<String> present = NetDevices.of(namespace).keySet();
        for (int n = 0;; n++) {
            String name = "veth" + n;
            if (!reserved.contains(name) && !present.contains(name)) {
                return name;
            }
        }
    }

    /** Keeps the names of a container found running again, or starting again after a reboot. */
    synchronized void adopt(DomainDef live) {
        for (XmlElement nic : live.devices("interface")) {
            XmlElement t = nic.child("target");
            if (t != null && t.attr("dev") != null) {
                reserved.add(t.attr("dev"));
            }
        }
    }

    /**
     * Removes the host ends this driver made for a container that ended (its namespace's end usually took them
     * along), each in its namespace, and frees their names. A name it did not reserve (one found in use at start) is
     * never touched.
     */
    void removeVeths(DomainDef live, Map<String, HostSide> sides) {
        for (XmlElement nic : live.devices("interface")) {
            XmlElement t = nic.child("target");
            if (t == null || t.attr("dev") == null) {
                continue;
            }
            String dev = t.attr("dev");
            synchronized (this) {
                if (!reserved.remove(dev)) {
                    continue;
                }
            }
            try {
                Veth.delete(sides.getOrDefault(dev, HostSide.HOST).namespace(), dev);
            } catch (LinuxException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot remove interface " + dev + ": " + e.getMessage());
            }
        }
    }

    /**
     * Gives back the network ports of a container that will not run again. Never fails: a port its network no longer
     * has (the network was destroyed) is gone already; one that cannot be deleted now (no backend installed) is logged
     * and goes when its network stops.
     */
    void releasePorts(DomainDef live) {
        for (XmlElement nic : live.devices("interface")) {
            XmlElement source = nic.child("source");
            if (!"network".equals(nic.attr("type")) || source == null || source.attr("portid") == null) {
                continue;
            }
            String network = source.attr("network");
            String port = source.attr("portid");
            try {
                NetworkService networks = nodeContext.networks();
                networks.deletePort(networks.lookupNetworkByName(network), UUID.fromString(port));
            } catch (VirtException e) {
                System.Logger.Level level = e.code() == ErrorCode.NO_NETWORK_PORT || e.code() == ErrorCode.NO_NETWORK
                        ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING;
                LOG.log(level, "port " + port + " of network '" + network + "' (container '" + live.name() + "'): "
                        + e.getMessage());
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "container '" + live.name() + "': invalid port ID '" + port
                        + "'");
            }
        }
    }
}
