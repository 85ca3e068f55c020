package org.virtlayer.xml;

import java.util.ArrayList;
import java.util.List;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.internal.BackupCanonicalForm;

/**
 * A domain backup job definition ({@code <domainbackup>}) in libvirt's XML language. Parsing checks it on its own;
 * {@link #alignDisks} then completes it against the domain it backs up (every disk of the domain named, defaults for
 * mode and target), as libvirt does before starting a backup. Not thread-safe.
 */
public final class DomainBackupDef {
    private final XmlElement root;

    private DomainBackupDef(XmlElement root) {
        this.root = root;
    }

    /** @throws VirtException XML_ERROR naming the element or attribute at fault */
    public static DomainBackupDef parse(String xml) {
        XmlElement root = SafeXmlParser.parse(xml);
        BackupCanonicalForm.apply(root);
        return new DomainBackupDef(root);
    }

    public XmlElement root() {
        return root;
    }

    /** {@code push} or {@code pull}. */
    public String mode() {
        return root.attr("mode");
    }

    /** The disk names ({@code vda}, ...) the definition lists, in order. */
    public List<String> diskNames() {
        List<String> out = new ArrayList<>();
        XmlElement disks = root.child("disks");
        if (disks != null) {
            for (XmlElement d : disks.children("disk")) {
                out.add(d.attr("name"));
            }
        }
        return out;
    }

    /**
     * Completes the definition against the domain: each listed disk must exist in it; disks it does not list are
     * added, backed up only when the definition lists none; a disk to back up without a target or scratch file gets
     * the domain disk's path with {@code .suffix} appended.
     *
     * @throws VirtException XML_ERROR (CONFIG_UNSUPPORTED for an unknown disk) naming the disk
     */
    public void alignDisks(DomainDef domain, String suffix) {
        BackupCanonicalForm.align(root, domain, suffix);
    }

    /**
     * The definition as libvirt formats it.
     *
     * @param internal include the {@code <privateData>} only the daemon keeps
     */
    public String format(boolean internal) {
        if (internal || root.child("privateData") == null) {
            return XmlWriter.format(root);
        }
        XmlElement c = root.copy();
        c.removeChildren("privateData");
        return XmlWriter.format(c);
    }

    @Override
    public String toString() {
        return format(false);
    }
}
