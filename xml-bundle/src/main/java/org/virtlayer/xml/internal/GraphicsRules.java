package org.virtlayer.xml.internal;

import java.util.List;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.XmlElement;

/**
 * A {@code <graphics>} device as libvirt reads it: the legacy {@code listen} and {@code socket} attributes and the
 * {@code <listen>} elements describe the same thing and must agree; every VNC display gets a listen element; an
 * automatic port is written {@code port='-1' autoport='yes'}.
 */
final class GraphicsRules {
    private GraphicsRules() {
    }

    private static final List<String> VNC_ATTRIBUTES = List.of("type", "socket", "port", "autoport", "websocket",
            "listen", "keymap", "sharePolicy", "passwd", "passwdValidTo", "connected", "powerControl");

    static void apply(XmlElement g) {
        String type = g.attr("type");
        if (type == null) {
            throw VirtException.xml("missing graphics device type");
        }
        List<XmlElement> listens = g.children("listen");
        for (XmlElement l : listens) {
            String lt = l.attr("type");
            if (lt == null) {
                throw VirtException.xml("graphics listen type must be specified");
            }
            if (lt.equals("network") && l.attr("network") == null) {
                throw VirtException.xml("'network' attribute is required for listen type 'network'");
            }
            if (lt.equals("socket") && !type.equals("vnc") && !type.equals("spice")) {
                throw VirtException.xml("listen type 'socket' is not available for graphics type '" + type + "'");
            }
        }
        String listenAttr = g.attr("listen");
        XmlElement first = listens.isEmpty() ? null : listens.get(0);
        if (listenAttr != null && first != null && "address".equals(first.attr("type"))
                && first.attr("address") != null && !first.attr("address").equals(listenAttr)) {
            throw VirtException.xml("graphics 'listen' attribute '" + listenAttr
                    + "' must match 'address' attribute of first listen element (found '" + first.attr("address")
                    + "')");
        }
        if (!type.equals("vnc")) {
            return;
        }
        String socket = g.attr("socket");
        if (socket != null) {
            // the legacy attribute wins over whatever the first listen element said
            XmlElement l = XmlElement.of("listen", "type", "socket", "socket", socket);
            if (first == null) {
                g.add(0, l);
            } else {
                g.replace(first, l);
            }
            g.removeAttr("listen");
            g.removeAttr("port");
            g.removeAttr("autoport");
        } else if (first != null && "socket".equals(first.attr("type"))) {
            if (first.attr("socket") != null) {
                g.attr("socket", first.attr("socket"));
            }
        } else {
            port(g);
            if (first == null) {
                g.add(0, XmlElement.of("listen", "type", "address", "address", listenAttr));
            } else if (listenAttr == null && "address".equals(first.attr("type")) && first.attr("address") != null) {
                g.attr("listen", first.attr("address"));
            }
        }
        g.orderAttributes(VNC_ATTRIBUTES);
    }

    private static void port(XmlElement g) {
        String port = g.attr("port");
        String autoport = g.attr("autoport");
        int p = 0;
        if (port != null) {
            try {
                p = Integer.parseInt(port.strip());
            } catch (NumberFormatException e) {
                throw VirtException.xml("cannot parse vnc port " + port);
            }
        }
        boolean auto;
        if (autoport != null) {
            if (!autoport.equals("yes") && !autoport.equals("no")) {
                throw VirtException.xml("invalid value '" + autoport + "' for graphics attribute 'autoport'");
            }
            auto = autoport.equals("yes");
        } else {
            auto = port == null || p == -1;
        }
        if (auto) {
            g.attr("port", "-1");
            g.attr("autoport", "yes");
        } else {
            g.attr("port", p > 0 ? Integer.toString(p) : null);
            g.attr("autoport", "no");
        }
    }
}
