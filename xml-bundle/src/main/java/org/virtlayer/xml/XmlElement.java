package org.virtlayer.xml;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One element of a libvirt XML document: its name (with prefix, as written), attributes in order, child elements in
 * order, and its text when it has no children. That is all libvirt's formats need: mixed content, comments and
 * processing instructions are dropped on reading, as libvirt drops them.
 *
 * <p>Storage is compact (attributes as name/value pairs in one array, children in a list made on first use) because a
 * node keeps one tree per domain and a node may hold a hundred thousand domains.
 *
 * <p>Mutable and not thread-safe: definitions copy what they hand out ({@link #copy()}).
 */
public final class XmlElement {
    private static final String[] NO_ATTRIBUTES = new String[0];

    private final String name;
    /** name0, value0, name1, value1, ...; only the first {@code 2 * attrCount} slots are used. */
    private String[] attrs = NO_ATTRIBUTES;
    private int attrCount;
    private ArrayList<XmlElement> children;
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

    private int attrIndex(String attribute) {
        for (int i = 0; i < attrCount; i++) {
            if (attrs[2 * i].equals(attribute)) {
                return i;
            }
        }
        return -1;
    }

    /** The attribute's value, or null. */
    public String attr(String attribute) {
        int i = attrIndex(attribute);
        return i < 0 ? null : attrs[2 * i + 1];
    }

    /** Sets an attribute, keeping its place if it exists; a null value removes it. Returns this element. */
    public XmlElement attr(String attribute, String value) {
        Objects.requireNonNull(attribute, "attribute");
        int i = attrIndex(attribute);
        if (value == null) {
            if (i >= 0) {
                removeAttrAt(i);
            }
            return this;
        }
        if (i >= 0) {
            attrs[2 * i + 1] = value;
            return this;
        }
        if (2 * attrCount == attrs.length) {
            attrs = Arrays.copyOf(attrs, Math.max(4, attrs.length * 2));
        }
        attrs[2 * attrCount] = attribute;
        attrs[2 * attrCount + 1] = value;
        attrCount++;
        return this;
    }

    private void removeAttrAt(int i) {
        System.arraycopy(attrs, 2 * i + 2, attrs, 2 * i, 2 * (attrCount - i - 1));
        attrCount--;
        attrs[2 * attrCount] = null;
        attrs[2 * attrCount + 1] = null;
    }

    public boolean hasAttr(String attribute) {
        return attrIndex(attribute) >= 0;
    }

    public String removeAttr(String attribute) {
        int i = attrIndex(attribute);
        if (i < 0) {
            return null;
        }
        String v = attrs[2 * i + 1];
        removeAttrAt(i);
        return v;
    }

    /** How many attributes the element has. */
    public int attrCount() {
        return attrCount;
    }

    /** The name of the i-th attribute, in document order. */
    public String attrName(int i) {
        Objects.checkIndex(i, attrCount);
        return attrs[2 * i];
    }

    /** The value of the i-th attribute, in document order. */
    public String attrValue(int i) {
        Objects.checkIndex(i, attrCount);
        return attrs[2 * i + 1];
    }

    /** The attributes in document order, as a read-only view. */
    public Map<String, String> attributes() {
        return new AbstractMap<>() {
            @Override
            public Set<Entry<String, String>> entrySet() {
                return new AbstractSet<>() {
                    @Override
                    public Iterator<Entry<String, String>> iterator() {
                        return new Iterator<>() {
                            private int i;

                            @Override
                            public boolean hasNext() {
                                return i < attrCount;
                            }

                            @Override
                            public Entry<String, String> next() {
                                if (i >= attrCount) {
                                    throw new NoSuchElementException();
                                }
                                Entry<String, String> e = Map.entry(attrs[2 * i], attrs[2 * i + 1]);
                                i++;
                                return e;
                            }
                        };
                    }

                    @Override
                    public int size() {
                        return attrCount;
                    }
                };
            }

            @Override
            public String get(Object key) {
                return key instanceof String ? attr((String) key) : null;
            }

            @Override
            public boolean containsKey(Object key) {
                return key instanceof String && hasAttr((String) key);
            }
        };
    }

    /** Reorders attributes: the named ones first in the given order, the others after them as they were. */
    public void orderAttributes(List<String> order) {
        if (attrCount < 2 || attributesInOrder(order)) {
            return;
        }
        String[] sorted = new String[attrs.length];
        int k = 0;
        for (String a : order) {
            int i = attrIndex(a);
            if (i >= 0) {
                sorted[2 * k] = attrs[2 * i];
                sorted[2 * k + 1] = attrs[2 * i + 1];
                k++;
            }
        }
        for (int i = 0; i < attrCount; i++) {
            if (!order.contains(attrs[2 * i])) {
                sorted[2 * k] = attrs[2 * i];
                sorted[2 * k + 1] = attrs[2 * i + 1];
                k++;
            }
        }
        attrs = sorted;
    }

    /** True if the attributes already follow the order, checked without allocating. */
    private boolean attributesInOrder(List<String> order) {
        int previous = 0;
        for (int i = 0; i < attrCount; i++) {
            int r = order.indexOf(attrs[2 * i]);
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
        return children == null ? List.of() : Collections.unmodifiableList(children);
    }

    /** The first child with this name, or null. */
    public XmlElement child(String childName) {
        if (children != null) {
            for (int i = 0, n = children.size(); i < n; i++) {
                XmlElement c = children.get(i);
                if (c.name.equals(childName)) {
                    return c;
                }
            }
        }
        return null;
    }

    /** The children with this name, in order. */
    public List<XmlElement> children(String childName) {
        if (children == null) {
            return new ArrayList<>(0);
        }
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

    private ArrayList<XmlElement> kids() {
        if (children == null) {
            children = new ArrayList<>(4);
        }
        return children;
    }

    /** Appends a child and returns it. */
    public XmlElement add(XmlElement child) {
        kids().add(Objects.requireNonNull(child));
        return child;
    }

    /** Inserts a child at a position and returns it. */
    public XmlElement add(int index, XmlElement child) {
        kids().add(index, Objects.requireNonNull(child));
        return child;
    }

    /** Replaces the first child of this name with a text-only child, or adds one; a null value removes them all. */
    public XmlElement setChildText(String childName, String value) {
        if (value == null) {
            removeChildren(childName);
            return null;
        }
        XmlElement c = childOrCreate(childName);
        c.children = null;
        c.text = value;
        return c;
    }

    public boolean remove(XmlElement child) {
        int i = indexOf(child);
        if (i < 0) {
            return false;
        }
        children.remove(i);
        return true;
    }

    public void removeChildren(String childName) {
        if (children != null) {
            children.removeIf(c -> c.name.equals(childName));
        }
    }

    public void removeChildren(Predicate<XmlElement> which) {
        if (children != null) {
            children.removeIf(which);
        }
    }

    public int indexOf(XmlElement child) {
        if (children != null) {
            for (int i = 0; i < children.size(); i++) {
                if (children.get(i) == child) {
                    return i;
                }
            }
        }
        return -1;
    }

    public void replace(XmlElement old, XmlElement replacement) {
        int i = indexOf(old);
        if (i < 0) {
            throw new IllegalArgumentException("not a child: " + old.name);
        }
        children.set(i, Objects.requireNonNull(replacement));
    }

    /** Sorts children by an order of names; names not listed keep their relative order after the listed ones. */
    public void orderChildren(List<String> order) {
        if (children == null || children.size() < 2 || childrenInOrder(order)) {
            return;
        }
        ElementOrder rank = ElementOrder.of(order);
        // a stable sort keeps repeated elements (disks, interfaces) in the order the user gave them
        children.sort((a, b) -> Integer.compare(rank.rank(a.name), rank.rank(b.name)));
    }

    /** True if the children already follow the order: the common case, checked without allocating. */
    private boolean childrenInOrder(List<String> order) {
        int previous = 0;
        for (int i = 0, n = children.size(); i < n; i++) {
            int r = order.indexOf(children.get(i).name);
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
        return attrCount == 0 && (children == null || children.isEmpty()) && (text == null || text.isEmpty());
    }

    /** A deep copy. */
    public XmlElement copy() {
        XmlElement e = new XmlElement(name);
        if (attrCount > 0) {
            e.attrs = Arrays.copyOf(attrs, 2 * attrCount);
            e.attrCount = attrCount;
        }
        e.text = text;
        e.expanded = expanded;
        if (children != null && !children.isEmpty()) {
            e.children = new ArrayList<>(children.size());
            for (XmlElement c : children) {
                e.children.add(c.copy());
            }
        }
        return e;
    }

    /** Structural equality: name, attributes (in any order), text and children (in order). */
    public boolean sameAs(XmlElement o) {
        if (o == null || !name.equals(o.name) || attrCount != o.attrCount
                || !Objects.equals(text == null ? null : text.strip(), o.text == null ? null : o.text.strip())) {
            return false;
        }
        for (int i = 0; i < attrCount; i++) {
            if (!attrs[2 * i + 1].equals(o.attr(attrs[2 * i]))) {
                return false;
            }
        }
        List<XmlElement> mine = children();
        List<XmlElement> theirs = o.children();
        if (mine.size() != theirs.size()) {
            return false;
        }
        for (int i = 0; i < mine.size(); i++) {
            if (!mine.get(i).sameAs(theirs.get(i))) {
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
