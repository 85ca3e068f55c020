package org.virtlayer.xml.internal.schema;

import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Keeps the first schema error with its position. Jing reports schema violations as recoverable errors; a document
 * that is not well-formed is a fatal error from the parser, which the reading handler turns into
 * {@link MalformedDocument} so it is told apart from a schema violation.
 */
final class FirstErrorHandler implements ErrorHandler {
    private String first;

    String first() {
        return first;
    }

    @Override
    public void warning(SAXParseException e) {
        // warnings do not make a document invalid
    }

    @Override
    public void error(SAXParseException e) {
        if (first == null) {
            first = describe(e);
        }
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
        if (first == null) {
            first = describe(e);
        }
        throw e;
    }

    /** The handler for the document reader: parser errors mean the document is malformed, not invalid. */
    ErrorHandler failingOnMalformation() {
        return new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // nothing to report
            }

            @Override
            public void error(SAXParseException e) throws SAXException {
                throw new MalformedDocument(describe(e));
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw new MalformedDocument(describe(e));
            }
        };
    }

    static String describe(SAXParseException e) {
        StringBuilder sb = new StringBuilder();
        if (e.getLineNumber() > 0) {
            sb.append("line ").append(e.getLineNumber());
            if (e.getColumnNumber() > 0) {
                sb.append(", column ").append(e.getColumnNumber());
            }
            sb.append(": ");
        }
        sb.append(e.getMessage());
        return sb.toString();
    }
}
