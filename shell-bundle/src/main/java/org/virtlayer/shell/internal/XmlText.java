package org.virtlayer.shell.internal;

/** Text put into the XML definitions the console writes from command options. */
public final class XmlText {
    private XmlText() {
    }

    /** The text as XML character data or an attribute value in either quotes. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;")
                .replace("\"", "&quot;");
    }
}
