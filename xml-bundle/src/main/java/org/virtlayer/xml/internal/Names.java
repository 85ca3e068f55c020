package org.virtlayer.xml.internal;

import java.util.UUID;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.XmlElement;

/** Name and UUID rules shared by every kind of definition. */
final class Names {
    private Names() {
    }

    /**
     * Checks {@code <name>} as libvirt does for networks and pools: present and without '/' (it names files and
     * bridges); unlike a domain name, a newline is accepted.
     */
    static void checkName(XmlElement root) {
        String name = root.childText("name");
        if (name == null || name.isEmpty()) {
            throw VirtException.xml("missing name information for <" + root.name() + ">");
        }
        if (name.indexOf('/') >= 0) {
            throw VirtException.xml("invalid char in name: / (<" + root.name() + "> name '" + name + "')");
        }
        root.child("name").text(name);
    }

    /** Puts {@code <uuid>} in canonical form, generating one when it is missing. */
    static void uuid(XmlElement root) {
        String text = root.childText("uuid");
        UUID uuid = text == null || text.isEmpty() ? UUID.randomUUID() : DomainCanonicalForm.parseUuid(text);
        root.setChildText("uuid", uuid.toString());
    }

    static void expectRoot(XmlElement root, String name) {
        if (!root.name().equals(name)) {
            throw VirtException.xml("unexpected root element <" + root.name() + ">, expecting <" + name + ">");
        }
    }
}
