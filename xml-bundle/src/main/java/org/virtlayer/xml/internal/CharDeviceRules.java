package org.virtlayer.xml.internal;

import java.util.List;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.XmlElement;

/**
 * The host side of a character device ({@code <serial>}, {@code <console>}, {@code <channel>}, a passthrough
 * {@code <smartcard>}, a {@code <redirdev>}, an EGD {@code <rng>} backend) as libvirt reads it: a TCP or UNIX
 * socket has one source (a UNIX one, when given, needs a path); UDP has at most one connect and one bind source,
 * written bind first; reconnecting needs a timeout.
 */
final class CharDeviceRules {
    private CharDeviceRules() {
    }

    static void apply(XmlElement dev, String what) {
        String type = dev.attr("type");
        if (type == null) {
            return;
        }
        List<XmlElement> sources = dev.children("source");
        switch (type) {
            case "udp" -> udp(dev, sources, what);
            case "tcp", "unix" -> {
                if (sources.size() > 1) {
                    throw VirtException.xml("only one <source> element is allowed for a " + type + " " + what);
                }
                if (sources.isEmpty()) {
                    // no <source> at all: the hypervisor driver picks a socket path (a guest agent channel)
                    return;
                }
                XmlElement s = sources.get(0);
                if (type.equals("unix") && s.attr("path") == null) {
                    throw VirtException.xml("Missing source path attribute for char device " + what);
                }
                XmlElement reconnect = s.child("reconnect");
                if (reconnect != null && "yes".equals(reconnect.attr("enabled"))
                        && reconnect.attr("timeout") == null) {
                    throw VirtException.xml("missing timeout for chardev with reconnect enabled in " + what);
                }
            }
            default -> {
                // other host sides (pty, file, dev, ...) have no source rules libvirt checks while parsing
            }
        }
    }

    private static void udp(XmlElement dev, List<XmlElement> sources, String what) {
        XmlElement connect = null;
        XmlElement bind = null;
        for (XmlElement s : sources) {
            String mode = s.attr("mode");
            if (mode == null || mode.equals("connect")) {
                if (connect != null) {
                    throw VirtException.xml("only one connect <source> is allowed for a udp " + what);
                }
                connect = s;
                s.attr("mode", "connect");
            } else if (mode.equals("bind")) {
                if (bind != null) {
                    throw VirtException.xml("only one bind <source> is allowed for a udp " + what);
                }
                bind = s;
            } else {
                throw VirtException.xml("Unknown source mode '" + mode + "' of a udp " + what);
            }
        }
        if (connect != null) {
            connect.orderAttributes(List.of("mode", "host", "service"));
        }
        if (bind != null && connect != null && dev.indexOf(bind) > dev.indexOf(connect)) {
            // libvirt writes the bind source before the connect source
            dev.remove(bind);
            dev.add(dev.indexOf(connect), bind);
        }
    }
}
