package org.virtlayer.xml.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.XmlElement;

/**
 * libvirt's parse-time rules for a storage pool definition: the pool type decides which source parts and which
 * default format apply; sizes are what the pool reports, never what the XML says (zero until it is refreshed); paths
 * are tidied; {@code <source>} is always written.
 */
public final class PoolCanonicalForm {
    private PoolCanonicalForm() {
    }

    public static final List<String> TOP_ORDER = List.of("name", "uuid", "capacity", "allocation", "available",
            "features", "source", "target", "refresh");

    private static final Set<String> TYPES = Set.of("dir", "fs", "netfs", "logical", "disk", "iscsi",
            "iscsi-direct", "scsi", "mpath", "rbd", "sheepdog", "gluster", "zfs", "vstorage");

    /** The source format a pool of this type gets when its XML names none. */
    private static final Map<String, String> DEFAULT_FORMAT = Map.of("fs", "auto", "netfs", "auto", "logical",
            "lvm2", "disk", "unknown");

    private static final OrderRule ORDER = order();

    private static OrderRule order() {
        OrderRule r = new OrderRule().children(TOP_ORDER.toArray(String[]::new));
        OrderRule source = r.child("source").expanded().children("host", "device", "dir", "adapter", "name",
                "format", "protocol", "initiator", "auth", "vendor", "product");
        source.child("host").attrs("name", "port");
        source.child("device").attrs("path", "part_separator");
        source.child("adapter").attrs("type", "name", "parent", "parent_wwnn", "parent_wwpn", "parent_fabric_wwn",
                "managed", "wwnn", "wwpn");
        source.child("auth").attrs("type", "username");
        r.child("target").children("path", "permissions");
        return r;
    }

    public static void apply(XmlElement root) {
        Names.expectRoot(root, "pool");
        String type = root.attr("type");
        if (type == null) {
            throw VirtException.xml("storage pool missing type attribute");
        }
        if (!TYPES.contains(type)) {
            throw VirtException.xml("unknown storage pool type " + type);
        }
        Names.checkName(root);
        Names.uuid(root);
        // sizes are state the pool reports after a refresh, not configuration: libvirt ignores them on input
        setSizes(root, 0, 0, 0);
        XmlElement source = root.childOrCreate("source");
        source(root, type, source);
        target(root, type, source);
        ORDER.apply(root);
    }

    private static void source(XmlElement root, String type, XmlElement source) {
        for (XmlElement d : source.children("device")) {
            // free extents are what the pool found on the disk, not configuration
            d.removeChildren("freeExtent");
            if (d.attr("path") == null) {
                throw VirtException.xml("missing storage pool source device path");
            }
        }
        for (XmlElement d : source.children("dir")) {
            if (d.attr("path") != null) {
                d.attr("path", Paths.sanitize(d.attr("path")));
            }
        }
        if (type.equals("logical") && source.child("name") == null) {
            source.add(new XmlElement("name")).text(root.childText("name"));
        }
        if (type.equals("gluster") && source.child("dir") == null) {
            source.add(XmlElement.of("dir", "path", "/"));
        }
        String format = DEFAULT_FORMAT.get(type);
        if (format != null && source.child("format") == null) {
            source.add(XmlElement.of("format", "type", format));
        }
        XmlElement adapter = source.child("adapter");
        if (adapter != null && adapter.attr("type") == null) {
            if (adapter.attr("name") != null) {
                adapter.attr("type", "scsi_host");
            } else if (adapter.attr("wwnn") != null || adapter.attr("wwpn") != null) {
                adapter.attr("type", "fc_host");
            } else {
                throw VirtException.xml("missing storage pool source adapter type");
            }
        }
        for (XmlElement h : source.children("host")) {
            if (h.attr("name") == null) {
                throw VirtException.xml("missing storage pool host name");
            }
        }
    }

    private static void target(XmlElement root, String type, XmlElement source) {
        XmlElement target = root.child("target");
        String sourceName = source.childText("name");
        if (type.equals("logical") || type.equals("zfs")) {
            if (sourceName == null) {
                throw VirtException.xml("missing source name for a " + type + " pool");
            }
            if (target == null) {
                target = root.add(new XmlElement("target"));
            }
            // the volume group (or zvol) decides where its volumes appear, whatever the XML says
            target.setChildText("path", (type.equals("logical") ? "/dev/" : "/dev/zvol/") + sourceName);
        }
        if (target == null) {
            return;
        }
        XmlElement path = target.child("path");
        if (path != null && path.trimmedText() != null) {
            path.text(Paths.sanitize(path.trimmedText()));
        }
        Permissions.apply(target.child("permissions"));
    }

    public static void setSizes(XmlElement root, long capacity, long allocation, long available) {
        root.childOrCreate("capacity").attr("unit", "bytes").text(Long.toString(capacity));
        root.childOrCreate("allocation").attr("unit", "bytes").text(Long.toString(allocation));
        root.childOrCreate("available").attr("unit", "bytes").text(Long.toString(available));
        orderTop(root);
    }

    public static void orderTop(XmlElement root) {
        root.orderChildren(TOP_ORDER);
    }
}
