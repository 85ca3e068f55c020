package org.virtlayer.xml;

import java.util.List;
import java.util.UUID;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.internal.DomainCanonicalForm;
import org.virtlayer.xml.internal.NetworkCanonicalForm;

/** A virtual network definition in libvirt's XML language, kept in libvirt's canonical form. Not thread-safe. */
public final class NetworkDef {
    private final XmlElement root;

    private NetworkDef(XmlElement root) {
        this.root = root;
    }

    /** @throws VirtException XML_ERROR naming the element or attribute at fault */
    public static NetworkDef parse(String xml) {
        XmlElement root = SafeXmlParser.parse(xml);
        NetworkCanonicalForm.apply(root);
        return new NetworkDef(root);
    }

    public NetworkDef copy() {
        return new NetworkDef(root.copy());
    }

    public XmlElement root() {
        return root;
    }

    public String format() {
        return format(false);
    }

    /**
     * The definition as libvirt formats it.
     *
     * @param inactive the persistent definition only ({@code VIR_NETWORK_XML_INACTIVE}): leaves out the device list a
     *     running network derived from its physical function
     */
    public String format(boolean inactive) {
        return XmlWriter.format(inactive ? NetworkCanonicalForm.inactiveView(root) : root);
    }

    public String name() {
        return root.childText("name");
    }

    public UUID uuid() {
        return UUID.fromString(root.childText("uuid"));
    }

    public void setUuid(UUID uuid) {
        root.setChildText("uuid", uuid.toString());
    }

    /** The forward mode ({@code nat}, {@code route}, {@code open}, {@code bridge}, ...), or null for isolated. */
    public String forwardMode() {
        XmlElement f = root.child("forward");
        if (f == null) {
            return null;
        }
        return f.attr("mode") == null ? "nat" : f.attr("mode");
    }

    /** The bridge device name, or null when the driver has not assigned one yet. */
    public String bridgeName() {
        XmlElement b = root.child("bridge");
        return b == null ? null : b.attr("name");
    }

    public void setBridgeName(String name) {
        root.childOrCreate("bridge").attr("name", name);
        root.child("bridge").orderAttributes(List.of("name", "stp", "delay"));
        NetworkCanonicalForm.orderTop(root);
    }

    /** The {@code <ip>} elements. */
    public List<XmlElement> ips() {
        return root.children("ip");
    }

    /** The network's MAC address, or null. */
    public String macAddress() {
        XmlElement m = root.child("mac");
        return m == null ? null : m.attr("address");
    }

    public void setMacAddress(String mac) {
        root.childOrCreate("mac").attr("address", mac);
        NetworkCanonicalForm.orderTop(root);
    }

    static String randomMac() {
        return DomainCanonicalForm.randomMac();
    }

    @Override
    public String toString() {
        return format();
    }
}
