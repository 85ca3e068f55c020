package org.virtlayer.driver.qemu.internal.node;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.driver.qemu.internal.argv.Dev;
import org.virtlayer.driver.qemu.internal.argv.DeviceArgs;
import org.virtlayer.linux.LinuxException;
import org.virtlayer.linux.Tap;
import org.virtlayer.spi.MacAddresses;
import org.virtlayer.spi.NetworkPort;
import org.virtlayer.spi.NetworkPortRequest;
import org.virtlayer.spi.NetworkRef;
import org.virtlayer.spi.NetworkService;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.XmlElement;

/**
 * The host side of a domain's tap NICs ({@code <interface type='network'>}, {@code 'bridge'}, {@code 'ethernet'}),
 * made as libvirt makes it, before QEMU gets the NIC:
 * <ul>
 * <li>a NIC on a virtual network gets a port of that network from the network backend, through the node's own
 * context (ports belong to the node: a guest's end is noticed when no connection may be open): it says which bridge,
 * which MTU, and in which network namespace the bridge is; the live XML records the port as libvirt does
 * ({@code <source network='N' portid='UUID' bridge='B'/>}), which is how a later driver finds it again;</li>
 * <li>the driver opens the tap itself ({@link Tap}) in the bridge's namespace, the kernel naming it {@code vnetN},
 * gives it the host side's MAC ({@link MacAddresses#hostSideOf}: a bridge then never takes a guest's address), the MTU,
 * makes it a port of the bridge and brings it up; QEMU gets the descriptor, never the name.</li>
 * </ul>
 * The tap goes when QEMU lets go of its descriptor (the domain stopped, or the NIC's netdev was removed); the port is
 * deleted here when the NIC goes.
 */
final class TapNics {
    private static final System.Logger LOG = System.getLogger(TapNics.class.getName());

    private final QemuNode node;

    TapNics(QemuNode node) {
        this.node = node;
    }

    /** One NIC's tap, held open until QEMU has its own descriptor on it. */
    record Plugged(XmlElement nic, Tap tap) {
    }

    /**
     * Makes the tap (and, on a network, the port) of every tap NIC of a definition about to start, its aliases given.
     * On failure nothing made stays.
     */
    List<Plugged> plugAll(DomainDef live) {
        List<Plugged> out = new ArrayList<>();
        try {
            for (XmlElement nic : live.devices("interface")) {
                if (DeviceArgs.isTap(nic)) {
                    out.add(plug(live, nic));
                }
            }
            return out;
        } catch (RuntimeException e) {
            for (Plugged p : out) {
                p.tap().close();
                releasePort(live.name(), p.nic());
            }
            throw e;
        }
    }

    /** Makes one NIC's tap (and port); the NIC gains its tap's name and, on a network, the port's bridge and ID. */
    Plugged plug(DomainDef def, XmlElement nic) {
        String guestMac = Dev.attr(nic, "mac", "address");
        if (guestMac == null) {
            guestMac = MacAddresses.generate();
            nic.add(0, XmlElement.of("mac", "address", guestMac));
        }
        String namespace = null;
        String bridge = null;
        int mtu = 0;
        if ("network".equals(nic.attr("type"))) {
            NetworkPort port = createPort(def, nic, guestMac);
            namespace = port.namespace();
            bridge = port.bridge();
            mtu = port.mtu();
        } else if ("bridge".equals(nic.attr("type"))) {
            bridge = Dev.attr(nic, "source", "bridge");
            if (bridge == null) {
                throw VirtException.xml("interface " + Dev.alias(nic) + " has no bridge: <source bridge='...'/>");
            }
        }
        Tap tap = null;
        try {
            tap = Tap.create(namespace, wantedName(nic));
            tap.plug(MacAddresses.hostSideOf(guestMac), mtu, bridge);
        } catch (LinuxException | IllegalArgumentException e) {
            if (tap != null) {
                tap.close();
            }
            releasePort(def.name(), nic);
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot create the tap device of interface "
                    + Dev.alias(nic) + (bridge == null ? "" : " on bridge '" + bridge + "'")
                    + (namespace == null ? "" : " in network namespace '" + namespace + "'") + ": " + e.getMessage());
        }
        nic.removeChildren("target");
        // where libvirt puts it: after <source>, or after <mac> for an interface without one (ethernet)
        XmlElement before = nic.child("source") != null ? nic.child("source") : nic.child("mac");
        nic.add(before == null ? 0 : nic.indexOf(before) + 1, XmlElement.of("target", "dev", tap.name()));
        return new Plugged(nic, tap);
    }

    /** libvirt's rule: a {@code <target dev>} of the driver's own pattern is not the user's choice and is renamed. */
    private static String wantedName(XmlElement nic) {
        String dev = Dev.attr(nic, "target", "dev");
        return dev == null || dev.startsWith("vnet") ? null : dev;
    }

    private NetworkPort createPort(DomainDef def, XmlElement nic, String mac) {
        String name = Dev.attr(nic, "source", "network");
        if (name == null) {
            throw VirtException.xml("an interface of type 'network' needs <source network='...'/>");
        }
        NetworkService networks = node.nodeContext.networks();
        NetworkPort port = networks.createPort(networks.lookupNetworkByName(name),
                new NetworkPortRequest(def.name(), def.uuid(), mac));
        XmlElement source = nic.child("source");
        source.attr("portid", port.uuid().toString());
        source.attr("bridge", port.bridge());
        source.orderAttributes(List.of("network", "portgroup", "portid", "bridge"));
        return port;
    }

    /** Deletes the ports of every NIC on a network of a domain that stopped. */
    void releaseAll(DomainDef live) {
        for (XmlElement nic : live.devices("interface")) {
            releasePort(live.name(), nic);
        }
    }

    /**
     * Deletes a NIC's network port, if it has one. Never fails: a port the network no longer has (it was destroyed
     * meanwhile) is gone already, and one that cannot be deleted now (no backend installed) is logged; the network
     * drops it when it stops.
     */
    void releasePort(String domain, XmlElement nic) {
        if (!"network".equals(nic.attr("type"))) {
            return;
        }
        String network = Dev.attr(nic, "source", "network");
        String portId = Dev.attr(nic, "source", "portid");
        if (network == null || portId == null) {
            return;
        }
        try {
            NetworkService networks = node.nodeContext.networks();
            NetworkRef ref = networks.lookupNetworkByName(network);
            networks.deletePort(ref, UUID.fromString(portId));
        } catch (VirtException e) {
            System.Logger.Level level = e.code() == ErrorCode.NO_NETWORK_PORT || e.code() == ErrorCode.NO_NETWORK
                    ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING;
            LOG.log(level, "port " + portId + " of network '" + network + "' (domain '" + domain + "'): "
                    + e.getMessage());
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "domain '" + domain + "': invalid port ID '" + portId + "'");
        }
    }
}
