package org.virtlayer.xml.internal;

import org.virtlayer.api.VirtException;
import org.virtlayer.xml.XmlElement;

/**
 * A storage {@code <permissions>} element as libvirt reads it: the mode in octal, written back with a leading 0;
 * owner and group as decimal IDs where -1 (or its unsigned form) means "not set" and is left out.
 */
final class Permissions {
    private Permissions() {
    }

    private static final OrderRule ORDER = new OrderRule().children("mode", "owner", "group", "label");

    static void apply(XmlElement perms) {
        if (perms == null) {
            return;
        }
        XmlElement mode = perms.child("mode");
        if (mode != null) {
            String m = mode.trimmedText();
            int v;
            try {
                v = Integer.parseInt(m == null ? "" : m, 8);
            } catch (NumberFormatException e) {
                throw VirtException.xml("malformed octal mode '" + m + "' in <permissions><mode>");
            }
            if (v < 0 || v > 07777) {
                throw VirtException.xml("malformed octal mode '" + m + "' in <permissions><mode>");
            }
            mode.text("0" + Integer.toOctalString(v));
        }
        id(perms, "owner");
        id(perms, "group");
        XmlElement label = perms.child("label");
        if (label != null && label.trimmedText() != null) {
            label.text(label.trimmedText());
        }
        ORDER.apply(perms);
    }

    private static void id(XmlElement perms, String which) {
        XmlElement e = perms.child(which);
        if (e == null) {
            return;
        }
        String t = e.trimmedText();
        long v;
        try {
            v = Long.parseLong(t == null ? "" : t);
        } catch (NumberFormatException ex) {
            throw VirtException.xml("malformed " + which + " element '" + t + "' in <permissions>");
        }
        if (v == -1 || v == 4294967295L) {
            perms.remove(e);
            return;
        }
        if (v < -1 || v > 4294967295L) {
            throw VirtException.xml("malformed " + which + " element '" + t + "' in <permissions>");
        }
        e.text(Long.toString(v));
    }
}
