package org.virtlayer.xml.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.XmlElement;

/** libvirt's rules for a {@code <domainbackup>}: checks and defaults on parsing, then alignment with the domain. */
public final class BackupCanonicalForm {
    private BackupCanonicalForm() {
    }

    private static final List<String> TOP_ORDER = List.of("incremental", "server", "disks", "privateData");
    private static final List<String> DISK_ATTRIBUTES = List.of("name", "backup", "state", "type", "backupmode",
            "incremental", "exportname", "exportbitmap");
    private static final List<String> DISK_ORDER = List.of("driver", "target", "scratch");
    private static final Set<String> MODES = Set.of("push", "pull");
    private static final Set<String> DISK_TYPES = Set.of("file", "block");

    public static void apply(XmlElement root) {
        Names.expectRoot(root, "domainbackup");
        String mode = root.attr("mode");
        if (mode == null) {
            root.attr("mode", "push");
        } else if (!MODES.contains(mode)) {
            throw VirtException.xml("unknown backup mode '" + mode + "'");
        }
        XmlElement disks = root.child("disks");
        if (disks != null) {
            Set<String> seen = new HashSet<>();
            for (XmlElement d : disks.children("disk")) {
                String name = d.attr("name");
                if (name == null || name.isEmpty()) {
                    throw VirtException.xml("missing name from disk backup element");
                }
                if (!seen.add(name)) {
                    throw VirtException.xml("disk '" + name + "' specified twice in <disks>");
                }
                String backup = d.attr("backup");
                if (backup != null && !backup.equals("yes") && !backup.equals("no")) {
                    throw VirtException.xml("invalid disk 'backup' state '" + backup + "'");
                }
                String type = d.attr("type");
                if (type != null && !DISK_TYPES.contains(type)) {
                    throw VirtException.xml("unknown disk backup type '" + type + "'");
                }
                String bm = d.attr("backupmode");
                if (bm != null && !bm.equals("full") && !bm.equals("incremental")) {
                    throw VirtException.xml("invalid backupmode '" + bm + "' of disk '" + name + "'");
                }
                d.orderChildren(DISK_ORDER);
            }
        }
        root.orderChildren(TOP_ORDER);
    }

    public static void align(XmlElement root, DomainDef domain, String suffix) {
        XmlElement disks = root.childOrCreate("disks");
        boolean anyListed = !disks.children("disk").isEmpty();
        String incremental = root.childText("incremental");
        boolean push = "push".equals(root.attr("mode"));
        Set<String> domainTargets = new HashSet<>();
        for (XmlElement d : domain.devices("disk")) {
            domainTargets.add(DomainDef.diskTarget(d));
        }
        for (XmlElement d : disks.children("disk")) {
            if (!domainTargets.contains(d.attr("name"))) {
                throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED,
                        "unsupported configuration: no disk named '" + d.attr("name") + "'");
            }
        }
        for (XmlElement dd : domain.devices("disk")) {
            String target = DomainDef.diskTarget(dd);
            XmlElement b = null;
            for (XmlElement d : disks.children("disk")) {
                if (target.equals(d.attr("name"))) {
                    b = d;
                }
            }
            if (b == null) {
                b = disks.add(XmlElement.of("disk", "name", target, "backup", anyListed ? "no" : "yes"));
            }
            if (b.attr("backup") == null) {
                b.attr("backup", "yes");
            }
            if (b.attr("backup").equals("yes")) {
                defaults(b, dd, incremental, push, suffix);
            }
            b.orderAttributes(DISK_ATTRIBUTES);
            b.orderChildren(DISK_ORDER);
        }
        root.orderChildren(TOP_ORDER);
    }

    private static void defaults(XmlElement b, XmlElement domainDisk, String incremental, boolean push,
            String suffix) {
        if (b.attr("type") == null) {
            b.attr("type", "file");
        }
        if (b.attr("backupmode") == null) {
            b.attr("backupmode", incremental != null || b.attr("incremental") != null ? "incremental" : "full");
        }
        if (b.attr("backupmode").equals("incremental") && b.attr("incremental") == null) {
            if (incremental == null) {
                throw VirtException.xml("'incremental' backup mode of disk '" + b.attr("name")
                        + "' requires setting 'incremental' field for disk or backup");
            }
            b.attr("incremental", incremental);
        }
        String where = push ? "target" : "scratch";
        if (b.child(where) == null) {
            XmlElement src = domainDisk.child("source");
            String path = src == null ? null : src.attr("file") != null ? src.attr("file") : src.attr("dev");
            if (path == null) {
                throw VirtException.xml("refusing to generate file name for disk '" + b.attr("name") + "'");
            }
            b.add(XmlElement.of(where, b.attr("type").equals("block") ? "dev" : "file", path + "." + suffix));
        }
    }
}
