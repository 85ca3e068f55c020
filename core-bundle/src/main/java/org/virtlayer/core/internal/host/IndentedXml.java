package org.virtlayer.core.internal.host;

/**
 * Writes XML the way libvirt formats its documents: one element per line, two spaces per level, attributes in
 * single quotes, a newline after every line. Attribute values and text are escaped.
 */
final class IndentedXml {
    private final StringBuilder out = new StringBuilder();
    private int depth;

    /** {@code <name a='v'>} and one level deeper. Attributes come as name, value pairs. */
    IndentedXml open(String name, Object... attributes) {
        line().append('<').append(name);
        attributes(attributes);
        out.append(">\n");
        depth++;
        return this;
    }

    IndentedXml close(String name) {
        depth--;
        line().append("</").append(name).append(">\n");
        return this;
    }

    /** {@code <name a='v'/>} */
    IndentedXml empty(String name, Object... attributes) {
        line().append('<').append(name);
        attributes(attributes);
        out.append("/>\n");
        return this;
    }

    /** {@code <name a='v'>text</name>} */
    IndentedXml text(String name, Object text, Object... attributes) {
        line().append('<').append(name);
        attributes(attributes);
        out.append('>').append(escape(String.valueOf(text))).append("</").append(name).append(">\n");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private StringBuilder line() {
        out.append("  ".repeat(Math.max(0, depth)));
        return out;
    }

    private void attributes(Object[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("='").append(escape(String.valueOf(attributes[i + 1])))
                    .append('\'');
        }
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&':
                    b.append("&amp;");
                    break;
                case '<':
                    b.append("&lt;");
                    break;
                case '>':
                    b.append("&gt;");
                    break;
                case '\'':
                    b.append("&apos;");
                    break;
                case '"':
                    b.append("&quot;");
                    break;
                default:
                    b.append(c);
            }
        }
        return b.toString();
    }
}
