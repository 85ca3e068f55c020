package org.virtlayer.xml;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.virtlayer.api.VirtException;

/**
 * The only way XML enters virtlayer. It refuses, with {@link org.virtlayer.api.ErrorCode#XML_ERROR}, what a
 * definition never needs and an attacker loves: a DOCTYPE (so no DTD, no entity declarations, no billion laughs, no
 * external entities), entity references other than the five predefined ones, XInclude, documents over the size
 * limit, nesting over the depth limit. It never reads a file or the network. Errors name the line and column.
 *
 * <p>Default limits ({@link XmlLimits#DEFAULT}): 10 MiB (10,485,760 characters) per document, as virsh reads at most
 * 10 MiB from an XML file; 256 levels of nesting, libxml2's default; 256 attributes per element; 1,000,000
 * elements. {@link #parse(String, XmlLimits)} takes other limits.
 */
public final class SafeXmlParser {
    private static final XMLInputFactory FACTORY = newFactory();

    private SafeXmlParser() {
    }

    private static XMLInputFactory newFactory() {
        // The JDK's built-in StAX implementation, chosen explicitly: a provider found on the class path could be
        // configured differently, and in OSGi the lookup through the context class loader is unreliable.
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external resource '" + systemId + "' refused");
        });
        return f;
    }

    /** Parses with the default limits. */
    public static XmlElement parse(String xml) {
        return parse(xml, XmlLimits.DEFAULT);
    }

    /**
     * Parses a document into its root element.
     *
     * @throws VirtException {@link org.virtlayer.api.ErrorCode#XML_ERROR} naming the problem and where it is
     */
    public static XmlElement parse(String xml, XmlLimits limits) {
        if (xml == null) {
            throw VirtException.xml("no XML document given");
        }
        if (xml.length() > limits.maxChars()) {
            throw VirtException.xml("document of " + xml.length() + " characters is larger than the limit of "
                    + limits.maxChars());
        }
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(new StringReader(xml));
            return read(r, limits);
        } catch (XMLStreamException e) {
            throw VirtException.xml(describe(e));
        } catch (RuntimeException e) {
            if (e instanceof VirtException) {
                throw e;
            }
            // the JDK parser reports some malformations as unchecked exceptions
            throw VirtException.xml("malformed document: " + e.getMessage());
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release beyond the string reader
                }
            }
        }
    }

    private static XmlElement read(XMLStreamReader r, XmlLimits limits) throws XMLStreamException {
        Deque<XmlElement> open = new ArrayDeque<>();
        Deque<StringBuilder> texts = new ArrayDeque<>();
        XmlElement root = null;
        int elements = 0;
        while (r.hasNext()) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.DTD ->
                    throw VirtException.xml(at(r) + "DOCTYPE declarations are not allowed");
                case XMLStreamConstants.ENTITY_REFERENCE ->
                    throw VirtException.xml(at(r) + "entity reference '&" + r.getLocalName() + ";' is not allowed");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (root != null && open.isEmpty()) {
                        throw VirtException.xml(at(r) + "extra content after the document element");
                    }
                    if (++elements > limits.maxElements()) {
                        throw VirtException.xml(at(r) + "more than " + limits.maxElements() + " elements");
                    }
                    if (open.size() >= limits.maxDepth()) {
                        throw VirtException.xml(at(r) + "elements nested deeper than " + limits.maxDepth());
                    }
                    String name = qname(r.getPrefix(), r.getLocalName());
                    XmlElement e = new XmlElement(name);
                    int n = r.getAttributeCount();
                    if (n > limits.maxAttributes()) {
                        throw VirtException.xml(at(r) + "element <" + name + "> has more than "
                                + limits.maxAttributes() + " attributes");
                    }
                    for (int i = 0; i < n; i++) {
                        String an = qname(r.getAttributePrefix(i), r.getAttributeLocalName(i));
                        if (e.hasAttr(an)) {
                            throw VirtException.xml(at(r) + "attribute '" + an + "' repeated on <" + name + ">");
                        }
                        e.attr(an, r.getAttributeValue(i));
                    }
                    if (isXInclude(e, open)) {
                        throw VirtException.xml(at(r) + "XInclude is not allowed");
                    }
                    if (open.isEmpty()) {
                        root = e;
                    } else {
                        open.peek().add(e);
                    }
                    open.push(e);
                    texts.push(new StringBuilder());
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        texts.peek().append(r.getText());
                    } else if (!r.isWhiteSpace()) {
                        throw VirtException.xml(at(r) + "text outside the document element");
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    XmlElement e = open.pop();
                    StringBuilder t = texts.pop();
                    // libvirt keeps text only where an element holds nothing else; indentation between child
                    // elements is not content
                    if (e.children().isEmpty() && t.length() > 0) {
                        e.text(t.toString());
                    }
                }
                default -> {
                    // comments, processing instructions, the document end: nothing to keep
                }
            }
        }
        if (root == null) {
            throw VirtException.xml("no document element");
        }
        return root;
    }

    private static final String XINCLUDE_NS = "http://www.w3.org/2001/XInclude";

    /** True if the element is in the XInclude namespace, declared on it or on an ancestor. */
    private static boolean isXInclude(XmlElement e, Deque<XmlElement> ancestors) {
        String name = e.name();
        int colon = name.indexOf(':');
        String decl = colon < 0 ? "xmlns" : "xmlns:" + name.substring(0, colon);
        String ns = e.attr(decl);
        if (ns == null) {
            for (XmlElement a : ancestors) {
                ns = a.attr(decl);
                if (ns != null) {
                    break;
                }
            }
        }
        return XINCLUDE_NS.equals(ns != null ? ns.strip() : null);
    }

    private static String qname(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    private static String at(XMLStreamReader r) {
        Location l = r.getLocation();
        return l == null ? "" : "line " + l.getLineNumber() + ", column " + l.getColumnNumber() + ": ";
    }

    private static String describe(XMLStreamException e) {
        String m = e.getMessage() == null ? "malformed document" : e.getMessage();
        // the JDK prefixes "ParseError at [row,col]:[l,c]\nMessage: ..."; say it the way the rest of our errors do
        Location l = e.getLocation();
        int msg = m.indexOf("Message: ");
        if (msg >= 0) {
            m = m.substring(msg + "Message: ".length());
        }
        if (l != null && l.getLineNumber() > 0) {
            return "line " + l.getLineNumber() + ", column " + l.getColumnNumber() + ": " + m.strip();
        }
        return m.strip();
    }

    /**
     * Decodes a file's bytes as UTF-8, refusing invalid sequences (with the offending byte offset) rather than
     * replacing them, so that what is stored is what the user wrote.
     */
    public static String decodeUtf8(byte[] bytes, XmlLimits limits) {
        if (bytes.length > limits.maxChars() * 4L) {
            throw VirtException.xml("document of " + bytes.length + " bytes is larger than the limit");
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return d.decode(in).toString();
        } catch (MalformedInputException e) {
            throw VirtException.xml("invalid UTF-8 at byte offset " + in.position());
        } catch (CharacterCodingException e) {
            throw VirtException.xml("invalid UTF-8 at byte offset " + in.position());
        }
    }
}
