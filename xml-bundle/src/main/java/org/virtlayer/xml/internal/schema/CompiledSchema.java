package org.virtlayer.xml.internal.schema;

import java.io.IOException;
import org.virtlayer.api.VirtException;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.Schema;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.Validator;

/** One compiled schema; immutable and shared. Each validation gets its own validator and reader. */
public final class CompiledSchema {
    private final Schema schema;

    CompiledSchema(Schema schema) {
        this.schema = schema;
    }

    /**
     * The first way the document breaks the schema, as "line L, column C: message", or null when it is valid.
     *
     * @throws VirtException XML_ERROR when the document is not well-formed or holds a DOCTYPE
     */
    public String firstError(String xml) {
        FirstErrorHandler errors = new FirstErrorHandler();
        PropertyMapBuilder b = new PropertyMapBuilder();
        b.put(ValidateProperty.ERROR_HANDLER, errors);
        Validator v = schema.createValidator(b.toPropertyMap());
        try {
            XMLReader r = SafeSaxReaders.INSTANCE.createXMLReader();
            r.setContentHandler(v.getContentHandler());
            r.setDTDHandler(v.getDTDHandler());
            r.setErrorHandler(errors.failingOnMalformation());
            r.parse(SafeSaxReaders.inMemory(xml));
        } catch (MalformedDocument e) {
            throw VirtException.xml(e.getMessage());
        } catch (SAXParseException e) {
            throw VirtException.xml(FirstErrorHandler.describe(e));
        } catch (SAXException | IOException e) {
            throw VirtException.xml("malformed document: " + e.getMessage());
        }
        return errors.first();
    }
}
