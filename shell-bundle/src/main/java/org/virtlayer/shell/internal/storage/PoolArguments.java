package org.virtlayer.shell.internal.storage;

import org.virtlayer.shell.internal.XmlText;

/**
 * A pool as {@code pool-define-as} and {@code pool-create-as} describe it with options; {@link #xml()} is the
 * definition virsh writes from them (elements in virsh's order, only those given).
 */
public record PoolArguments(String name, String type, String sourceHost, String sourcePath, String sourceDev,
        String sourceName, String sourceFormat, String target) {

    public String xml() {
        StringBuilder xml = new StringBuilder();
        xml.append("<pool type='").append(XmlText.escape(type)).append("'>\n");
        xml.append("  <name>").append(XmlText.escape(name)).append("</name>\n");
        if (sourceHost != null || sourcePath != null || sourceDev != null || sourceName != null
                || sourceFormat != null) {
            xml.append("  <source>\n");
            element(xml, "host", "name", sourceHost);
            element(xml, "dir", "path", sourcePath);
            element(xml, "device", "path", sourceDev);
            element(xml, "format", "type", sourceFormat);
            if (sourceName != null) {
                xml.append("    <name>").append(XmlText.escape(sourceName)).append("</name>\n");
            }
            xml.append("  </source>\n");
        }
        if (target != null) {
            xml.append("  <target>\n    <path>").append(XmlText.escape(target)).append("</path>\n  </target>\n");
        }
        return xml.append("</pool>\n").toString();
    }

    private static void element(StringBuilder xml, String element, String attribute, String value) {
        if (value != null) {
            xml.append("    <").append(element).append(' ').append(attribute).append("='")
                    .append(XmlText.escape(value)).append("'/>\n");
        }
    }
}
