package org.virtlayer.xml;


/**
 * Formats elements the way libvirt does: two spaces of indentation per level, attributes in single quotes, empty
 * elements as {@code <x/>}, no XML declaration, a newline after the root's closing tag.
 */
public final class XmlWriter {
    private XmlWriter() {
    }

    /** The element and its children, ending with a newline. */
    public static String format(XmlElement root) {
        return format(root, null);
    }

    /** As {@link #format(XmlElement)}, leaving out one attribute of the root (e.g. a domain's runtime ID). */
    public static String format(XmlElement root, String omitRootAttribute) {
        StringBuilder sb = new StringBuilder(1024);
        write(sb, root, 0, omitRootAttribute);
        return sb.toString();
    }

    /** Appends the element at the given indentation (in spaces). */
    public static void write(StringBuilder sb, XmlElement e, int indent) {
        write(sb, e, indent, null);
    }

    private static void write(StringBuilder sb, XmlElement e, int indent, String omit) {
        indent(sb, indent);
        sb.append('<').append(e.name());
        for (int i = 0, n = e.attrCount(); i < n; i++) {
            String an = e.attrName(i);
            if (omit != null && omit.equals(an)) {
                continue;
            }
            sb.append(' ').append(an).append("='");
            escape(sb, e.attrValue(i));
            sb.append('\'');
        }
        boolean hasText = e.text() != null && !e.text().isEmpty();
        if (e.children().isEmpty()) {
            if (hasText) {
                sb.append('>');
                escape(sb, e.text());
                sb.append("</").append(e.name()).append(">\n");
            } else if (e.expanded()) {
                sb.append(">\n");
                indent(sb, indent);
                sb.append("</").append(e.name()).append(">\n");
            } else {
                sb.append("/>\n");
            }
            return;
        }
        sb.append(">\n");
        for (XmlElement c : e.children()) {
            write(sb, c, indent + 2, null);
        }
        indent(sb, indent);
        sb.append("</").append(e.name()).append(">\n");
    }

    private static void indent(StringBuilder sb, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(' ');
        }
    }

    /**
     * Escapes text as libvirt's {@code virBufferEscapeString}: {@code < > & ' "} become entities and control
     * characters other than tab, newline and carriage return are dropped (XML 1.0 cannot carry them).
     */
    public static void escape(StringBuilder sb, String s) {
        int run = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            String entity;
            switch (c) {
                case '<' -> entity = "&lt;";
                case '>' -> entity = "&gt;";
                case '&' -> entity = "&amp;";
                case '\'' -> entity = "&apos;";
                case '"' -> entity = "&quot;";
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        continue;
                    }
                    entity = "";
                }
            }
            // most values need no escaping at all: copy the plain runs between special characters in one go
            sb.append(s, run, i).append(entity);
            run = i + 1;
        }
        sb.append(s, run, s.length());
    }
}
