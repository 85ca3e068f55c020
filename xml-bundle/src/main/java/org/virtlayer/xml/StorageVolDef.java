package org.virtlayer.xml;

import org.virtlayer.api.VirtException;
import org.virtlayer.xml.internal.VolumeCanonicalForm;

/**
 * A storage volume definition in libvirt's XML language, parsed in the context of its pool (whose type decides the
 * defaults). Not thread-safe.
 */
public final class StorageVolDef {
    private final XmlElement root;

    private StorageVolDef(XmlElement root) {
        this.root = root;
    }

    /**
     * Parses a volume for a pool of the given type.
     *
     * @throws VirtException XML_ERROR naming the element or attribute at fault
     */
    public static StorageVolDef parse(String xml, StoragePoolDef pool) {
        return parse(xml, pool, false);
    }

    /**
     * Parses a volume for a pool of the given type.
     *
     * @param capacityOptional accept a volume without {@code <capacity>} ({@code VIR_VOL_XML_PARSE_NO_CAPACITY}, as
     *     when the size comes from a backing store or a source volume)
     * @throws VirtException XML_ERROR naming the element or attribute at fault
     */
    public static StorageVolDef parse(String xml, StoragePoolDef pool, boolean capacityOptional) {
        XmlElement root = SafeXmlParser.parse(xml);
        VolumeCanonicalForm.apply(root, pool, capacityOptional);
        return new StorageVolDef(root);
    }

    public StorageVolDef copy() {
        return new StorageVolDef(root.copy());
    }

    public XmlElement root() {
        return root;
    }

    public String format() {
        return XmlWriter.format(root);
    }

    public String name() {
        return root.childText("name");
    }

    /** {@code file}, {@code block}, ... */
    public String type() {
        return root.attr("type");
    }

    public String key() {
        return root.childText("key");
    }

    public void setKey(String key) {
        root.setChildText("key", key);
        VolumeCanonicalForm.orderTop(root);
    }

    /** Capacity in bytes. */
    public long capacity() {
        return Long.parseLong(root.childText("capacity"));
    }

    public void setCapacity(long bytes) {
        root.childOrCreate("capacity").attr("unit", "bytes").text(Long.toString(bytes));
        VolumeCanonicalForm.orderTop(root);
    }

    /** Allocation in bytes (the capacity when not given). */
    public long allocation() {
        String a = root.childText("allocation");
        return a == null ? capacity() : Long.parseLong(a);
    }

    public void setAllocation(long bytes) {
        root.childOrCreate("allocation").attr("unit", "bytes").text(Long.toString(bytes));
        VolumeCanonicalForm.orderTop(root);
    }

    /** The target path, or null. */
    public String targetPath() {
        XmlElement t = root.child("target");
        return t == null ? null : t.childText("path");
    }

    public void setTargetPath(String path) {
        XmlElement t = root.childOrCreate("target");
        t.setChildText("path", path);
        t.orderChildren(VolumeCanonicalForm.TARGET_ORDER);
        VolumeCanonicalForm.orderTop(root);
    }

    /** The format type ({@code raw}, {@code qcow2}), or null when none is given. */
    public String formatType() {
        XmlElement t = root.child("target");
        XmlElement f = t == null ? null : t.child("format");
        return f == null ? null : f.attr("type");
    }

    /** The backing store path, or null. */
    public String backingStorePath() {
        XmlElement b = root.child("backingStore");
        return b == null ? null : b.childText("path");
    }

    @Override
    public String toString() {
        return format();
    }
}
