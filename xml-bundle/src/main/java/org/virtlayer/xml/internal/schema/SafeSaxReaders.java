package org.virtlayer.xml.internal.schema;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import com.thaiopensource.xml.sax.XMLReaderCreator;

/**
 * The SAX readers Jing reads schemas and documents with: the JDK's own parser (chosen explicitly, as in OSGi the
 * factory lookup through the context class loader is unreliable), with DOCTYPE declarations refused outright,
 * external entities and DTDs never loaded, XInclude off, and an entity resolver that refuses everything, in case a
 * feature is not honoured.
 */
final class SafeSaxReaders implements XMLReaderCreator {
    static final SafeSaxReaders INSTANCE = new SafeSaxReaders();

    private final SAXParserFactory factory;

    private SafeSaxReaders() {
        factory = SAXParserFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser cannot be made safe", e);
        }
    }

    @Override
    public XMLReader createXMLReader() throws SAXException {
        XMLReader r;
        // SAXParserFactory is not specified as thread-safe; creating a parser is cheap next to validating
        synchronized (factory) {
            try {
                r = factory.newSAXParser().getXMLReader();
            } catch (ParserConfigurationException e) {
                throw new SAXException(e);
            }
        }
        r.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        r.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        r.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("external entity '" + systemId + "' refused");
        });
        return r;
    }

    /** An input source for a document held in memory. */
    static InputSource inMemory(String xml) {
        return new InputSource(new java.io.StringReader(xml));
    }
}
