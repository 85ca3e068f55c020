package org.virtlayer.xml;

import java.util.UUID;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.internal.PoolCanonicalForm;

/** A storage pool definition in libvirt's XML language, kept in libvirt's canonical form. Not thread-safe. */
public final class StoragePoolDef {
    private final XmlElement root;

    private StoragePoolDef(XmlElement root) {
        this.root = root;
    }

    /** @throws VirtException XML_ERROR naming the element or attribute at fault */
    public static StoragePoolDef parse(String xml) {
        XmlElement root = SafeXmlParser.parse(xml);
        PoolCanonicalForm.apply(root);
        return new StoragePoolDef(root);
    }

    public StoragePoolDef copy() {
        return new StoragePoolDef(root.copy());
    }

    public XmlElement root() {
        return root;
    }

    /** The definition; {@code inactive} leaves out the sizes only a running pool knows. */
    public String format(boolean inactive) {
        if (!inactive) {
            return XmlWriter.format(root);
        }
        XmlElement c = root.copy();
        c.removeChildren("capacity");
        c.removeChildren("allocation");
        c.removeChildren("available");
        return XmlWriter.format(c);
    }

    /** The pool type: {@code dir}, {@code fs}, {@code logical}, ... */
    public String type() {
        return root.attr("type");
    }

    public String name() {
        return root.childText("name");
    }

    public UUID uuid() {
        return UUID.fromString(root.childText("uuid"));
    }

    /** The target path, or null. */
    public String targetPath() {
        XmlElement t = root.child("target");
        return t == null ? null : t.childText("path");
    }

    /** The {@code <target><permissions><mode>} as an octal number, or -1. */
    public int targetMode() {
        XmlElement t = root.child("target");
        XmlElement p = t == null ? null : t.child("permissions");
        String m = p == null ? null : p.childText("mode");
        return m == null ? -1 : Integer.parseInt(m, 8);
    }

    /** Sets capacity, allocation and available, in bytes, as a running pool shows them. */
    public void setSizes(long capacity, long allocation, long available) {
        PoolCanonicalForm.setSizes(root, capacity, allocation, available);
    }

    @Override
    public String toString() {
        return format(false);
    }
}
