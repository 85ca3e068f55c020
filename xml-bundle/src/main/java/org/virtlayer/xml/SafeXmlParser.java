package org.virtlayer.xml;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.internal.XmlReader;

/**
 * The only way XML enters virtlayer. It refuses, with {@link org.virtlayer.api.ErrorCode#XML_ERROR}, what a
 * definition never needs and an attacker loves: a DOCTYPE (so no DTD, no entity declarations, no billion laughs, no
 * external entities), entity references other than the five predefined ones, XInclude, documents over the size
 * limit, nesting over the depth limit. It never reads a file or the network: the reader behind it has no code that could.
 * Errors name the line and column.
 *
 * <p>Default limits ({@link XmlLimits#DEFAULT}): 10 MiB (10,485,760 characters) per document, as virsh reads at most
 * 10 MiB from an XML file; 256 levels of nesting, libxml2's default; 256 attributes per element; 1,000,000
 * elements. {@link #parse(String, XmlLimits)} takes other limits.
 */
public final class SafeXmlParser {
    private SafeXmlParser() {
    }

    /** Parses with the default limits ({@link XmlLimits#DEFAULT}: 10 MiB, depth 256). */
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
        return XmlReader.read(xml, limits);
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
        } catch (CharacterCodingException e) {
            throw VirtException.xml("invalid UTF-8 at byte offset " + in.position());
        }
    }
}
