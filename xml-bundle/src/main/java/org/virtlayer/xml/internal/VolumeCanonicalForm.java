package org.virtlayer.xml.internal;

import java.util.List;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.ScaledSize;
import org.virtlayer.xml.StoragePoolDef;
import org.virtlayer.xml.ElementOrder;
import org.virtlayer.xml.XmlElement;

/** libvirt's parse-time rules for a storage volume, in the context of its pool. */
public final class VolumeCanonicalForm {
    private VolumeCanonicalForm() {
    }

    public static final ElementOrder TOP_ORDER = ElementOrder.of("name", "key", "source", "capacity", "allocation",
            "physical", "target", "backingStore");
    public static final ElementOrder TARGET_ORDER = ElementOrder.of("path", "format", "permissions", "timestamps",
            "compat", "clusterSize", "nocow", "features");

    public static void apply(XmlElement root, StoragePoolDef pool) {
        Names.expectRoot(root, "volume");
        String name = root.childText("name");
        if (name == null || name.isEmpty()) {
            throw VirtException.xml("missing volume name element");
        }
        if (root.attr("type") == null && pool != null && pool.type().equals("dir")) {
            root.attr("type", "file");
        }
        XmlElement cap = root.child("capacity");
        if (cap == null) {
            throw VirtException.xml("missing capacity element");
        }
        long capacity = ScaledSize.toBytes(cap.trimmedText(), cap.attr("unit"), "bytes", "capacity");
        cap.attr("unit", "bytes").text(Long.toString(capacity));
        XmlElement alloc = root.child("allocation");
        if (alloc != null) {
            long a = ScaledSize.toBytes(alloc.trimmedText(), alloc.attr("unit"), "bytes", "allocation");
            alloc.attr("unit", "bytes").text(Long.toString(a));
        }
        XmlElement target = root.child("target");
        if (target != null) {
            target.orderChildren(TARGET_ORDER);
        }
        orderTop(root);
    }

    public static void orderTop(XmlElement root) {
        root.orderChildren(TOP_ORDER);
    }
}
