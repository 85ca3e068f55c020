package org.virtlayer.xml.internal;

import java.util.List;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.ScaledSize;
import org.virtlayer.xml.ElementOrder;
import org.virtlayer.xml.XmlElement;

/** libvirt's parse-time rules for a storage pool definition. */
public final class PoolCanonicalForm {
    private PoolCanonicalForm() {
    }

    public static final ElementOrder TOP_ORDER = ElementOrder.of("name", "uuid", "capacity", "allocation", "available",
            "features", "source", "target", "refresh");

    public static void apply(XmlElement root) {
        Names.expectRoot(root, "pool");
        if (root.attr("type") == null) {
            throw VirtException.xml("storage pool missing type attribute");
        }
        Names.checkName(root);
        Names.uuid(root);
        for (String s : List.of("capacity", "allocation", "available")) {
            XmlElement e = root.child(s);
            if (e != null) {
                e.text(Long.toString(ScaledSize.toBytes(e.trimmedText(), e.attr("unit"), "bytes", s)));
                e.attr("unit", "bytes");
            }
        }
        // libvirt always writes <source>, and writes it open even when it holds nothing
        root.childOrCreate("source").expanded(true);
        orderTop(root);
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
