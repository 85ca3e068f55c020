package org.virtlayer.driver.lxc.internal.node;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.linux.LinuxException;
import org.virtlayer.linux.Veth;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.NetworkRef;
import org.virtlayer.spi.NetworkService;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.XmlElement;

/**
 * The host side of a container's {@code <interface>}s, decided before it starts: a free host name for each veth's
 * outer end ({@code vethN}, as libvirt names them), the bridge it joins ({@code type='bridge'}: its
 * {@code <source bridge>}; {@code type='network'}: the bridge of that network, asked of the network service the
 * connection has, and recorded in the live definition as libvirt does; {@code type='ethernet'}: none), aliases. The
 * pairs themselves are made by the launcher once the container's network namespace exists, and removed here when
 * it ends.
 *
 * <p>Seam for the network backend: when {@link NetworkService} hands out ports, {@link #resolve} asks it for a port
 * (and releases it in {@link #release}) instead of only reading the network's bridge.
 */
final class HostInterfaces {
    private final Set<String> reserved = new HashSet<>();

    /** Names, bridges and aliases for every interface of a definition about to start. */
    synchronized void resolve(DomainDef live, DriverContext context) {
        List<XmlElement> nics = live.devices("interface");
        for (int i = 0; i < nics.size(); i++) {
            XmlElement nic = nics.get(i);
            String type = nic.attr("type");
            XmlElement source = nic.child("source");
            if ("network".equals(type)) {
                String bridge = networkBridge(source.attr("network"), context);
                source.attr("bridge", bridge);
            } else if ("bridge".equals(type) && (source == null || source.attr("bridge") == null)) {
                throw VirtException.xml("interface " + i + " of type 'bridge' has no <source bridge='...'/>");
            }
            XmlElement target = nic.child("target");
            if (target == null || target.attr("dev") == null) {
                nic.removeChildren("target");
                target = XmlElement.of("target", "dev", freeName());
                nic.add(after(nic, "source", "mac"), target);
            } else if (reserved.contains(target.attr("dev")) || Veth.exists(target.attr("dev"))) {
                throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: interface name '"
                        + target.attr("dev") + "' is already in use");
            }
            reserved.add(target.attr("dev"));
            if (nic.child("alias") == null) {
                nic.add(XmlElement.of("alias", "name", "net" + i));
            }
        }
    }

    /** A network's bridge, from the network service the connection has (a network backend, or the driver's own). */
    private static String networkBridge(String network, DriverContext context) {
        if (context == null) {
            throw new VirtException(ErrorCode.OPERATION_INVALID, "network '" + network + "' cannot be resolved"
                    + " without a connection (autostart of a container on a virtual network)");
        }
        NetworkService networks = context.networks();
        NetworkRef ref = networks.lookupNetworkByName(network);
        if (!networks.networkSummary(ref).active()) {
            throw VirtException.invalidOperation("network '" + network + "' is not active");
        }
        return networks.networkBridgeName(ref);
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

    private String freeName() {
        for (int n = 0;; n++) {
            String name = "veth" + n;
            if (!reserved.contains(name) && !Veth.exists(name)) {
                return name;
            }
        }
    }

    /** Keeps the names of a container found running again. */
    synchronized void adopt(DomainDef live) {
        for (XmlElement nic : live.devices("interface")) {
            XmlElement t = nic.child("target");
            if (t != null && t.attr("dev") != null) {
                reserved.add(t.attr("dev"));
            }
        }
    }

    /**
     * Removes the host ends this driver made for a container that stopped (its namespace's end usually took them
     * along), and frees their names. A name it did not reserve (one found in use at start) is never touched.
     */
    void release(DomainDef live) {
        for (XmlElement nic : live.devices("interface")) {
            XmlElement t = nic.child("target");
            if (t == null || t.attr("dev") == null) {
                continue;
            }
            synchronized (this) {
                if (!reserved.remove(t.attr("dev"))) {
                    continue;
                }
            }
            try {
                Veth.delete(t.attr("dev"));
            } catch (LinuxException e) {
                System.getLogger(HostInterfaces.class.getName()).log(System.Logger.Level.WARNING,
                        "cannot remove interface " + t.attr("dev") + ": " + e.getMessage());
            }
        }
    }
}
