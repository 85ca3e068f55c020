package org.virtlayer.core.internal.nodedev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.spi.HostIntrospection;
import org.virtlayer.spi.NodeDeviceRef;
import org.virtlayer.spi.NodeDeviceService;
import org.virtlayer.xml.XmlElement;

/**
 * This machine's devices as libvirt's node device driver names them, for drivers of the local node: the root
 * {@code computer} and the network interfaces ({@code net_<ifname>_<mac>}), read from /sys on each call.
 */
public final class HostNodeDevices implements NodeDeviceService {
    private final HostIntrospection host;
    private final Path sysClassNet;

    public HostNodeDevices(HostIntrospection host) {
        this(host, Path.of("/sys/class/net"));
    }

    HostNodeDevices(HostIntrospection host, Path sysClassNet) {
        this.host = host;
        this.sysClassNet = sysClassNet;
    }

    private record NetDev(String name, String ifname, String mac, String state, Path path) {
    }

    private List<NetDev> nets() {
        List<NetDev> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(sysClassNet)) {
            for (Path p : s.sorted().toList()) {
                String ifname = p.getFileName().toString();
                String mac = read(p.resolve("address"), "00:00:00:00:00:00");
                String state = read(p.resolve("operstate"), "unknown");
                Path real;
                try {
                    real = p.toRealPath();
                } catch (IOException e) {
                    real = p;
                }
                out.add(new NetDev("net_" + ifname + "_" + mac.replace(':', '_'), ifname, mac, state, real));
            }
        } catch (IOException e) {
            // a machine without /sys/class/net simply has no network devices to show
        }
        return out;
    }

    private static String read(Path p, String fallback) {
        try {
            return Files.readString(p).strip();
        } catch (IOException e) {
            return fallback;
        }
    }

    @Override
    public List<NodeDeviceRef> listNodeDevices(String capability) {
        List<NodeDeviceRef> out = new ArrayList<>();
        if (capability == null || capability.equals("system")) {
            out.add(new NodeDeviceRef("computer", null, List.of("system")));
        }
        if (capability == null || capability.equals("net")) {
            for (NetDev n : nets()) {
                out.add(new NodeDeviceRef(n.name(), "computer", List.of("net")));
            }
        }
        return out;
    }

    @Override
    public NodeDeviceRef lookupNodeDevice(String name) {
        for (NodeDeviceRef r : listNodeDevices(null)) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        throw new VirtException(ErrorCode.NO_NODE_DEVICE, "Node device not found: no node device with matching"
                + " name '" + name + "'");
    }

    @Override
    public String nodeDeviceXml(String name) {
        XmlElement dev = new XmlElement("device");
        if (name.equals("computer")) {
            dev.add(new XmlElement("name")).text("computer");
            XmlElement cap = dev.add(XmlElement.of("capability", "type", "system"));
            cap.add(new XmlElement("hardware")).add(new XmlElement("uuid")).text(hostUuid());
            return dev.toString();
        }
        for (NetDev n : nets()) {
            if (n.name().equals(name)) {
                dev.add(new XmlElement("name")).text(n.name());
                dev.add(new XmlElement("path")).text(n.path().toString());
                dev.add(new XmlElement("parent")).text("computer");
                XmlElement cap = dev.add(XmlElement.of("capability", "type", "net"));
                cap.add(new XmlElement("interface")).text(n.ifname());
                cap.add(new XmlElement("address")).text(n.mac().toLowerCase(Locale.ROOT));
                cap.add(XmlElement.of("link", "state", n.state()));
                cap.add(XmlElement.of("capability", "type", "80203"));
                return dev.toString();
            }
        }
        throw new VirtException(ErrorCode.NO_NODE_DEVICE, "Node device not found: no node device with matching"
                + " name '" + name + "'");
    }

    private String hostUuid() {
        String caps = host.hostCapabilitiesXml();
        int a = caps.indexOf("<uuid>");
        int b = caps.indexOf("</uuid>");
        return a >= 0 && b > a ? caps.substring(a + 6, b) : "";
    }
}
