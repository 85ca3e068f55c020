package org.virtlayer.xml.internal.schema;

import org.xml.sax.SAXException;

/** The document given for validation is not well-formed XML, or holds what the safe reader refuses. */
final class MalformedDocument extends SAXException {
    private static final long serialVersionUID = 1L;

    MalformedDocument(String message) {
        super(message);
    }
}
