package org.virtlayer.xml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One element of a libvirt XML document: its name (with prefix, as written), attributes in order, child elements in
 * order, and its text when it has no children. That is all libvirt's formats need: mixed content, comments and
 * processing instructions are dropped on reading, as libvirt drops them.
 *
 * <p>Mutable and not thread-safe: definitions copy what they hand out ({@link #copy()}).
 */
public final class XmlElement {
    private final String name;
    private final LinkedHashMap<String, String> attributes = new LinkedHashMap<>(4);
    private final List<XmlElement> children = new ArrayList<>(2);
    private String text;
    private boolean expanded;

    public XmlElement(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** A new element with the given attributes (name, value, name, value, ...); null values are skipped. */
    public static XmlElement of(String name, String... attributePairs) {
        XmlElement e = new XmlElement(name);
        for (int i = 0; i + 1 < attributePairs.length; i += 2) {
            e.attr(attributePairs[i], attributePairs[i + 1]);
        }
        return e;
    }

    public String name() {
        return name;
    }

    // ---- attributes

    /** The attribute's value, or null. */
    public String attr(String attribute) {
        return attributes.get(attribute);
    }

    /** Sets an attribute, keeping its place if it exists; a null value removes it. Returns this element. */
    public XmlElement attr(String attribute, String value) {
        if (value == null) {
            attributes.remove(attribute);
        } else {
            attributes.put(attribute, value);
        }
        return this;
    }

    public boolean hasAttr(String attribute) {
        return attributes.containsKey(attribute);
    }

    public String removeAttr(String attribute) {
        return attributes.remove(attribute);
    }

    /** The attributes in document order, read-only. */
    public Map<String, String> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    /** Reorders attributes: the named ones first in the given order, the others after them as they were. */
    public void orderAttributes(List<String> order) {
        if (attributes.size() < 2 || attributesInOrder(order)) {
            return;
        }
        LinkedHashMap<String, String> sorted = new LinkedHashMap<>(attributes.size() * 2);
        for (String a : order) {
            String v = attributes.get(a);
            if (v != null) {
                sorted.put(a, v);
            }
        }
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            sorted.putIfAbsent(e.getKey(), e.getValue());
        }
        attributes.clear();
        attributes.putAll(sorted);
    }

    /** True if the attributes already follow the order, checked without allocating a new map. */
    private boolean attributesInOrder(List<String> order) {
        int previous = 0;
        for (String a : attributes.keySet()) {
            int r = order.indexOf(a);
            if (r < 0) {
                r = order.size();
            }
            if (r < previous) {
                return false;
            }
            previous = r;
        }
        return true;
    }

    // ---- text

    /** The element's text, or null when it has none. */
    public String text() {
        return text;
    }

    /** The text with surrounding white space removed, or null. */
    public String trimmedText() {
        return text == null ? null : text.strip();
    }

    public XmlElement text(String value) {
        this.text = value;
        return this;
    }

    // ---- children

    /** The child elements in order, read-only. */
    public List<XmlElement> children() {
        return Collections.unmodifiableList(children);
    }

    /** The first child with this name, or null. */
    public XmlElement child(String childName) {
        for (XmlElement c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    /** The children with this name, in order. */
    public List<XmlElement> children(String childName) {
        List<XmlElement> out = new ArrayList<>(2);
        for (XmlElement c : children) {
            if (c.name.equals(childName)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The text of the first child with this name, trimmed, or null. */
    public String childText(String childName) {
        XmlElement c = child(childName);
        return c == null ? null : c.trimmedText();
    }

    /** The first child with this name, created at the end if there is none. */
    public XmlElement childOrCreate(String childName) {
        XmlElement c = child(childName);
        return c != null ? c : add(new XmlElement(childName));
    }

    /** Appends a child and returns it. */
    public XmlElement add(XmlElement child) {
        children.add(Objects.requireNonNull(child));
        return child;
    }

    /** Inserts a child at a position and returns it. */
    public XmlElement add(int index, XmlElement child) {
        children.add(index, Objects.requireNonNull(child));
        return child;
    }

    /** Replaces the first child of this name with a text-only child, or adds one; a null value removes them all. */
    public XmlElement setChildText(String childName, String value) {
        if (value == null) {
            removeChildren(childName);
            return null;
        }
        XmlElement c = childOrCreate(childName);
        c.children.clear();
        c.text = value;
        return c;
    }

    public boolean remove(XmlElement child) {
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i) == child) {
                children.remove(i);
                return true;
            }
        }
        return false;
    }

    public void removeChildren(String childName) {
        children.removeIf(c -> c.name.equals(childName));
    }

    public void removeChildren(Predicate<XmlElement> which) {
        children.removeIf(which);
    }

    public int indexOf(XmlElement child) {
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i) == child) {
                return i;
            }
        }
        return -1;
    }

    public void replace(XmlElement old, XmlElement replacement) {
        int i = indexOf(old);
        if (i < 0) {
            throw new IllegalArgumentException("not a child: " + old.name);
        }
        children.set(i, replacement);
    }

    /** Sorts children by an order of names; names not listed keep their relative order after the listed ones. */
    public void orderChildren(List<String> order) {
        if (children.size() < 2 || childrenInOrder(order)) {
            return;
        }
        ElementOrder rank = ElementOrder.of(order);
        // a stable sort keeps repeated elements (disks, interfaces) in the order the user gave them
        children.sort((a, b) -> Integer.compare(rank.rank(a.name), rank.rank(b.name)));
    }

    /** True if the children already follow the order: the common case, checked without allocating. */
    private boolean childrenInOrder(List<String> order) {
        int previous = 0;
        for (XmlElement c : children) {
            int r = order.indexOf(c.name);
            if (r < 0) {
                r = order.size();
            }
            if (r < previous) {
                return false;
            }
            previous = r;
        }
        return true;
    }

    /**
     * True if, when it has no children and no text, the element is still written as an opening and a closing tag on
     * two lines, as libvirt writes some (a pool's {@code <source>}, a network's {@code <ip>}).
     */
    public boolean expanded() {
        return expanded;
    }

    public XmlElement expanded(boolean value) {
        this.expanded = value;
        return this;
    }

    public boolean isEmpty() {
        return attributes.isEmpty() && children.isEmpty() && (text == null || text.isEmpty());
    }

    /** A deep copy. */
    public XmlElement copy() {
        XmlElement e = new XmlElement(name);
        e.attributes.putAll(attributes);
        e.text = text;
        e.expanded = expanded;
        for (XmlElement c : children) {
            e.children.add(c.copy());
        }
        return e;
    }

    /** Structural equality: name, attributes (in any order), text and children (in order). */
    public boolean sameAs(XmlElement o) {
        if (o == null || !name.equals(o.name) || !attributes.equals(o.attributes)
                || !Objects.equals(text == null ? null : text.strip(), o.text == null ? null : o.text.strip())
                || children.size() != o.children.size()) {
            return false;
        }
        for (int i = 0; i < children.size(); i++) {
            if (!children.get(i).sameAs(o.children.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The element formatted as libvirt formats XML. */
    @Override
    public String toString() {
        return XmlWriter.format(this);
    }
}
