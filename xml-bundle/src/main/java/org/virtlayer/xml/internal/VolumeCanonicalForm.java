package org.virtlayer.xml.internal;

import java.util.List;
import java.util.Set;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.ScaledSize;
import org.virtlayer.xml.StoragePoolDef;
import org.virtlayer.xml.XmlElement;

/**
 * libvirt's parse-time rules for a storage volume, in the context of its pool: the pool type decides the volume type
 * and default format; sizes become bytes; what only a scan of the storage reports (source extents, timestamps) is
 * dropped.
 */
public final class VolumeCanonicalForm {
    private VolumeCanonicalForm() {
    }

    public static final List<String> TOP_ORDER = List.of("name", "key", "source", "capacity", "allocation",
            "physical", "target", "backingStore");
    public static final List<String> TARGET_ORDER = List.of("path", "format", "permissions", "timestamps",
            "encryption", "compat", "clusterSize", "nocow", "features");

    /** Pools whose volumes are files in a directory: they default to type file and format raw. */
    private static final Set<String> FILE_POOLS = Set.of("dir", "fs", "netfs", "vstorage");
    private static final Set<String> BLOCK_POOLS = Set.of("disk", "logical", "iscsi", "iscsi-direct", "scsi",
            "mpath", "zfs");

    private static final OrderRule ORDER = order();

    private static OrderRule order() {
        OrderRule r = new OrderRule().attrs("type").children(TOP_ORDER.toArray(String[]::new));
        r.child("target").children(TARGET_ORDER.toArray(String[]::new));
        r.child("backingStore").children("path", "format", "permissions");
        return r;
    }

    public static void apply(XmlElement root, StoragePoolDef pool) {
        apply(root, pool, false);
    }

    public static void apply(XmlElement root, StoragePoolDef pool, boolean capacityOptional) {
        Names.expectRoot(root, "volume");
        String name = root.childText("name");
        if (name == null || name.isEmpty()) {
            throw VirtException.xml("missing volume name element");
        }
        root.child("name").text(name);
        if (name.indexOf('/') >= 0) {
            throw VirtException.xml("volume name '" + name + "' cannot contain '/'");
        }
        String poolType = pool == null ? null : pool.type();
        if (root.attr("type") == null && poolType != null) {
            if (FILE_POOLS.contains(poolType)) {
                root.attr("type", "file");
            } else if (BLOCK_POOLS.contains(poolType)) {
                root.attr("type", "block");
            } else if (poolType.equals("rbd") || poolType.equals("sheepdog")) {
                root.attr("type", "network");
            } else if (poolType.equals("gluster")) {
                root.attr("type", "network");
            }
        }
        // the source extents are what a scan of the pool found, not configuration
        root.removeChildren("source");
        sizes(root, capacityOptional);
        XmlElement target = root.child("target");
        if (target != null) {
            target(target, poolType, true);
        }
        XmlElement backing = root.child("backingStore");
        if (backing != null) {
            target(backing, null, false);
        }
        ORDER.apply(root);
    }

    private static void sizes(XmlElement root, boolean capacityOptional) {
        XmlElement cap = root.child("capacity");
        long capacity = 0;
        if (cap == null) {
            if (!capacityOptional) {
                throw VirtException.xml("missing capacity element");
            }
            cap = root.add(new XmlElement("capacity"));
        } else {
            capacity = ScaledSize.toBytes(cap.trimmedText(), cap.attr("unit"), "bytes", "capacity");
        }
        cap.attr("unit", "bytes").text(Long.toString(capacity));
        XmlElement alloc = root.child("allocation");
        long allocation = capacity;
        if (alloc == null) {
            alloc = root.add(new XmlElement("allocation"));
        } else {
            allocation = ScaledSize.toBytes(alloc.trimmedText(), alloc.attr("unit"), "bytes", "allocation");
        }
        alloc.attr("unit", "bytes").text(Long.toString(allocation));
        XmlElement physical = root.child("physical");
        if (physical != null) {
            long p = ScaledSize.toBytes(physical.trimmedText(), physical.attr("unit"), "bytes", "physical");
            physical.attr("unit", "bytes").text(Long.toString(p));
        }
    }

    private static void target(XmlElement target, String poolType, boolean isVolume) {
        // access times are what the file system reports, never configuration
        target.removeChildren("timestamps");
        XmlElement path = target.child("path");
        if (path != null && path.trimmedText() != null) {
            path.text(path.trimmedText());
        }
        XmlElement format = target.child("format");
        if (isVolume && format == null && poolType != null) {
            if (FILE_POOLS.contains(poolType)) {
                target.add(XmlElement.of("format", "type", "raw"));
            } else if (poolType.equals("disk")) {
                target.add(XmlElement.of("format", "type", "none"));
            }
        }
        Permissions.apply(target.child("permissions"));
        if (!isVolume) {
            return;
        }
        XmlElement cluster = target.child("clusterSize");
        if (cluster != null) {
            long bytes = ScaledSize.toBytes(cluster.trimmedText(), cluster.attr("unit"), "bytes", "clusterSize");
            cluster.attr("unit", "B").text(Long.toString(bytes));
        }
        format = target.child("format");
        if (target.child("features") != null && target.child("compat") == null && format != null
                && "qcow2".equals(format.attr("type"))) {
            // qcow2 features need the v3 format
            target.add(new XmlElement("compat")).text("1.1");
        }
    }

    public static void orderTop(XmlElement root) {
        root.orderChildren(TOP_ORDER);
    }
}
