package org.virtlayer.xml.internal;

import java.util.UUID;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.XmlElement;

/** Name and UUID rules shared by every kind of definition. */
final class Names {
    private Names() {
    }

    /** Checks {@code <name>} as libvirt does for domains (no '/', no control characters, bounded length). */
    static void checkName(XmlElement root) {
        DomainDef.checkName(root.childText("name"));
        root.child("name").text(root.childText("name"));
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
