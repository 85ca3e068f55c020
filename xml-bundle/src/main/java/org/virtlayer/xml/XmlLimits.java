package org.virtlayer.xml;

/**
 * Bounds on an XML document, checked before and while parsing so that hostile input cannot exhaust memory or stack.
 *
 * @param maxChars longest document accepted, in characters (the default, 10 MiB, is virsh's limit for an XML file)
 * @param maxDepth deepest element nesting accepted (the default, 256, is libxml2's default limit)
 * @param maxAttributes most attributes on one element
 * @param maxElements most elements in one document
 */
public record XmlLimits(int maxChars, int maxDepth, int maxAttributes, int maxElements) {
    public static final XmlLimits DEFAULT = new XmlLimits(10 * 1024 * 1024, 256, 256, 1_000_000);

    public XmlLimits {
        if (maxChars <= 0 || maxDepth <= 0 || maxAttributes <= 0 || maxElements <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
