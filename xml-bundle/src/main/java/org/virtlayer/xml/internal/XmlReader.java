package org.virtlayer.xml.internal;

import java.util.ArrayDeque;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.XmlElement;
import org.virtlayer.xml.XmlLimits;

/**
 * A strict XML 1.0 reader for definitions, written for this one job. It has no DTD support at all, so no entity can
 * be declared, expanded or fetched: a DOCTYPE is refused outright, as is any entity reference other than the five
 * predefined ones and character references. It enforces the limits while reading, checks well-formedness (matching
 * tags, quoting, legal characters, unique attributes) and reports errors with their line and column.
 *
 * <p>Why not the JDK's StAX parser: it costs about ten microseconds per small document before any work is done, which
 * is most of a define, and it carries DTD machinery that must then be switched off; this reader does neither.
 */
public final class XmlReader {
    private final String s;
    private final int n;
    private final XmlLimits limits;
    private int pos;
    private int elements;

    private XmlReader(String s, XmlLimits limits) {
        this.s = s;
        this.n = s.length();
        this.limits = limits;
    }

    /** Reads a document into its root element. */
    public static XmlElement read(String xml, XmlLimits limits) {
        return new XmlReader(xml, limits).document();
    }

    // ---- errors

    private VirtException error(String what) {
        return error(pos, what);
    }

    private VirtException error(int at, String what) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < Math.min(at, n); i++) {
            if (s.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return VirtException.xml("line " + line + ", column " + col + ": " + what);
    }

    // ---- document

    private XmlElement document() {
        if (n > 0 && s.charAt(0) == '\uFEFF') {
            pos = 1;
        }
        if (s.startsWith("<?xml", pos) && n > pos + 5 && isSpace(s.charAt(pos + 5))) {
            declaration();
        }
        misc();
        if (pos >= n) {
            throw error("no document element");
        }
        if (s.startsWith("<!DOCTYPE", pos)) {
            throw error("DOCTYPE declarations are not allowed");
        }
        if (s.charAt(pos) != '<') {
            throw error("text outside the document element");
        }
        XmlElement root = element();
        misc();
        if (pos < n) {
            if (s.startsWith("<!DOCTYPE", pos)) {
                throw error("DOCTYPE declarations are not allowed");
            }
            throw error(s.charAt(pos) == '<' ? "extra content after the document element"
                    : "text outside the document element");
        }
        return root;
    }

    /** {@code <?xml version='1.0' encoding='...' standalone='...'?>}: checked for form, otherwise ignored. */
    private void declaration() {
        int end = s.indexOf("?>", pos);
        if (end < 0) {
            throw error("unterminated XML declaration");
        }
        String decl = s.substring(pos + 5, end).strip();
        if (!decl.startsWith("version")) {
            throw error("XML declaration must start with a version");
        }
        pos = end + 2;
    }

    /** Whitespace, comments and processing instructions outside the root. */
    private void misc() {
        while (pos < n) {
            char c = s.charAt(pos);
            if (isSpace(c)) {
                pos++;
            } else if (s.startsWith("<!--", pos)) {
                comment();
            } else if (s.startsWith("<?", pos)) {
                processingInstruction();
            } else {
                return;
            }
        }
    }

    private void comment() {
        int start = pos;
        int end = s.indexOf("--", pos + 4);
        if (end < 0) {
            throw error(start, "unterminated comment");
        }
        if (end + 2 >= n || s.charAt(end + 2) != '>') {
            throw error(end, "'--' is not allowed inside a comment");
        }
        checkChars(pos + 4, end);
        pos = end + 3;
    }

    private void processingInstruction() {
        int start = pos;
        pos += 2;
        String target = name();
        if (target.equalsIgnoreCase("xml")) {
            throw error(start, "XML declaration allowed only at the start of the document");
        }
        int end = s.indexOf("?>", pos);
        if (end < 0) {
            throw error(start, "unterminated processing instruction");
        }
        checkChars(pos, end);
        pos = end + 2;
    }

    // ---- elements

    /** The element starting at pos and everything inside it, without recursion (depth is bounded anyway). */
    private XmlElement element() {
        ArrayDeque<XmlElement> open = new ArrayDeque<>();
        ArrayDeque<StringBuilder> texts = new ArrayDeque<>();
        XmlElement root = null;
        while (true) {
            // at '<' of a start tag
            XmlElement e = startTag(open.size());
            if (root == null) {
                root = e;
            } else {
                open.peek().add(e);
            }
            if (s.charAt(pos - 2) == '/') {
                // <x/>: nothing inside
                if (open.isEmpty()) {
                    return root;
                }
            } else {
                open.push(e);
                texts.push(new StringBuilder());
            }
            // content until the next start tag, or close tags until the root closes
            while (true) {
                StringBuilder text = texts.peek();
                content(text);
                if (pos >= n) {
                    throw error("unterminated element <" + open.peek().name() + ">");
                }
                if (s.startsWith("</", pos)) {
                    XmlElement closing = open.pop();
                    StringBuilder t = texts.pop();
                    endTag(closing);
                    // libvirt keeps text only where an element holds nothing else; indentation between child
                    // elements is not content
                    if (closing.children().isEmpty() && t.length() > 0) {
                        closing.text(t.toString());
                    }
                    if (open.isEmpty()) {
                        return root;
                    }
                } else {
                    break;
                }
            }
        }
    }

    private XmlElement startTag(int depth) {
        int start = pos;
        pos++;
        if (pos >= n) {
            throw error(start, "unterminated tag");
        }
        if (++elements > limits.maxElements()) {
            throw error(start, "more than " + limits.maxElements() + " elements");
        }
        if (depth >= limits.maxDepth()) {
            throw error(start, "elements nested deeper than " + limits.maxDepth());
        }
        String name = name();
        XmlElement e = new XmlElement(name);
        int attributes = 0;
        while (true) {
            boolean spaced = skipSpace();
            if (pos >= n) {
                throw error(start, "unterminated start tag <" + name + ">");
            }
            char c = s.charAt(pos);
            if (c == '>') {
                pos++;
                return e;
            }
            if (c == '/') {
                if (pos + 1 < n && s.charAt(pos + 1) == '>') {
                    pos += 2;
                    return e;
                }
                throw error("expected '/>' to end <" + name + ">");
            }
            if (!spaced) {
                throw error("expected white space before an attribute of <" + name + ">");
            }
            int attrAt = pos;
            String an = name();
            skipSpace();
            if (pos >= n || s.charAt(pos) != '=') {
                throw error("attribute '" + an + "' of <" + name + "> has no value");
            }
            pos++;
            skipSpace();
            String value = attributeValue(an, name);
            if (e.hasAttr(an)) {
                throw error(attrAt, "attribute '" + an + "' repeated on <" + name + ">");
            }
            if (++attributes > limits.maxAttributes()) {
                throw error(attrAt, "element <" + name + "> has more than " + limits.maxAttributes()
                        + " attributes");
            }
            if (an.startsWith("xmlns") && XINCLUDE_NS.equals(value.strip())) {
                throw error(attrAt, "XInclude is not allowed");
            }
            e.attr(an, value);
        }
    }

    private static final String XINCLUDE_NS = "http://www.w3.org/2001/XInclude";

    private void endTag(XmlElement e) {
        int start = pos;
        pos += 2;
        String name = name();
        if (!name.equals(e.name())) {
            throw error(start, "closing tag </" + name + "> does not match <" + e.name() + ">");
        }
        skipSpace();
        if (pos >= n || s.charAt(pos) != '>') {
            throw error(start, "malformed closing tag </" + name + ">");
        }
        pos++;
    }

    /** Text, references, CDATA, comments and PIs up to the next tag; leaves pos at a start or end tag. */
    private void content(StringBuilder text) {
        while (pos < n) {
            char c = s.charAt(pos);
            if (c == '<') {
                if (s.startsWith("<!--", pos)) {
                    comment();
                } else if (s.startsWith("<![CDATA[", pos)) {
                    int end = s.indexOf("]]>", pos + 9);
                    if (end < 0) {
                        throw error("unterminated CDATA section");
                    }
                    checkChars(pos + 9, end);
                    appendNormalized(text, pos + 9, end);
                    pos = end + 3;
                } else if (s.startsWith("<?", pos)) {
                    processingInstruction();
                } else if (s.startsWith("<!", pos)) {
                    throw error(s.startsWith("<!DOCTYPE", pos) ? "DOCTYPE declarations are not allowed"
                            : "markup declarations are not allowed");
                } else {
                    return;
                }
            } else if (c == '&') {
                reference(text);
            } else {
                int start = pos;
                while (pos < n) {
                    char d = s.charAt(pos);
                    if (d == '<' || d == '&') {
                        break;
                    }
                    if (d == '>' && pos >= 2 && s.charAt(pos - 1) == ']' && s.charAt(pos - 2) == ']') {
                        throw error("']]>' is not allowed in text");
                    }
                    pos++;
                }
                checkChars(start, pos);
                appendNormalized(text, start, pos);
            }
        }
    }

    private String attributeValue(String attr, String element) {
        if (pos >= n) {
            throw error("attribute '" + attr + "' of <" + element + "> has no value");
        }
        char quote = s.charAt(pos);
        if (quote != '\'' && quote != '"') {
            throw error("value of attribute '" + attr + "' of <" + element + "> must be quoted");
        }
        pos++;
        int start = pos;
        // the common case: no reference, no white space to normalise
        while (pos < n) {
            char c = s.charAt(pos);
            if (c == quote) {
                checkChars(start, pos);
                return s.substring(start, pos++);
            }
            if (c == '&' || c == '<' || c == '\t' || c == '\n' || c == '\r') {
                break;
            }
            pos++;
        }
        StringBuilder v = new StringBuilder(pos - start + 16);
        v.append(s, start, pos);
        checkChars(start, pos);
        while (pos < n) {
            char c = s.charAt(pos);
            if (c == quote) {
                pos++;
                return v.toString();
            }
            if (c == '<') {
                throw error("'<' is not allowed in the value of attribute '" + attr + "'");
            }
            if (c == '&') {
                reference(v);
                continue;
            }
            if (c == '\r') {
                // a line break is one space, whatever its form
                v.append(' ');
                pos += pos + 1 < n && s.charAt(pos + 1) == '\n' ? 2 : 1;
                continue;
            }
            if (c == '\t' || c == '\n') {
                v.append(' ');
                pos++;
                continue;
            }
            checkChars(pos, pos + 1);
            v.append(c);
            pos++;
        }
        throw error("unterminated value of attribute '" + attr + "' of <" + element + ">");
    }

    /** One of the five predefined entities or a character reference; nothing else exists here. */
    private void reference(StringBuilder out) {
        int start = pos;
        int semi = s.indexOf(';', pos);
        if (semi < 0 || semi - pos > 12) {
            throw error(start, "malformed reference: '&' must be written as &amp;");
        }
        String ref = s.substring(pos + 1, semi);
        switch (ref) {
            case "lt" -> out.append('<');
            case "gt" -> out.append('>');
            case "amp" -> out.append('&');
            case "apos" -> out.append('\'');
            case "quot" -> out.append('"');
            default -> {
                if (ref.startsWith("#")) {
                    int cp;
                    try {
                        cp = ref.startsWith("#x") ? Integer.parseInt(ref.substring(2), 16)
                                : Integer.parseInt(ref.substring(1));
                    } catch (NumberFormatException e) {
                        throw error(start, "malformed character reference '&" + ref + ";'");
                    }
                    if (!isXmlChar(cp)) {
                        throw error(start, "character reference '&" + ref + ";' is not a legal XML character");
                    }
                    out.appendCodePoint(cp);
                } else {
                    throw error(start, "entity reference '&" + ref + ";' is not allowed");
                }
            }
        }
        pos = semi + 1;
    }

    private String name() {
        int start = pos;
        if (pos >= n || !isNameStart(s.charAt(pos))) {
            throw error(pos >= n ? "unexpected end of document" : "'" + printable(s.charAt(pos))
                    + "' cannot start a name");
        }
        pos++;
        while (pos < n && isNameChar(s.charAt(pos))) {
            pos++;
        }
        return s.substring(start, pos);
    }

    private boolean skipSpace() {
        int start = pos;
        while (pos < n && isSpace(s.charAt(pos))) {
            pos++;
        }
        return pos > start;
    }

    /** Appends text with line breaks normalised to '\n', as XML requires. */
    private void appendNormalized(StringBuilder out, int from, int to) {
        int run = from;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\r') {
                out.append(s, run, i).append('\n');
                if (i + 1 < to && s.charAt(i + 1) == '\n') {
                    i++;
                }
                run = i + 1;
            }
        }
        out.append(s, run, to);
    }

    /** Refuses characters XML 1.0 does not allow (controls other than tab and line breaks, lone surrogates). */
    private void checkChars(int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0xD800) {
                continue;
            }
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            if (c >= 0xE000 && c <= 0xFFFD) {
                continue;
            }
            throw error(i, "illegal character " + String.format("U+%04X", (int) c) + " in document");
        }
    }

    private static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r';
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'
                || (c >= 0xC0 && c != 0xD7 && c != 0xF7 && c < 0xD800) || (c >= 0xF900 && c <= 0xFFFD);
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == 0xB7;
    }

    private static String printable(char c) {
        return c < 0x20 ? String.format("U+%04X", (int) c) : String.valueOf(c);
    }
}
