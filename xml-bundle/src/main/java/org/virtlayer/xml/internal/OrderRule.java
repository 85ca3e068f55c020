package org.virtlayer.xml.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.virtlayer.xml.XmlElement;

/**
 * The order libvirt formats an element's attributes and children in, with the rules for its children by name: a
 * tree of rules walked alongside the document. libvirt formats from typed structures, so its output order is fixed
 * whatever the input order was; elements and attributes a rule does not name keep their place after the named ones.
 * Rules are built once and shared: applying one allocates only when something is out of order.
 */
public final class OrderRule {
    private List<String> attributes = List.of();
    private List<String> children = List.of();
    private final Map<String, OrderRule> childRules = new HashMap<>();
    private boolean expanded;

    /** This element's attributes in libvirt's order. */
    public OrderRule attrs(String... names) {
        this.attributes = List.of(names);
        return this;
    }

    /** This element's children in libvirt's order. */
    public OrderRule children(String... names) {
        this.children = List.of(names);
        return this;
    }

    /** Written as {@code <x>\n</x>} when empty, as libvirt writes some elements. */
    public OrderRule expanded() {
        this.expanded = true;
        return this;
    }

    /** The rule for children of this name, created on first use. */
    public OrderRule child(String name) {
        return childRules.computeIfAbsent(name, n -> new OrderRule());
    }

    /** The rule for a path of child names below this one ({@code "forward/nat/address"}). */
    public OrderRule path(String path) {
        OrderRule r = this;
        for (String part : path.split("/")) {
            r = r.child(part);
        }
        return r;
    }

    /** Makes children of this name follow the given rule (shared where libvirt shares a formatter). */
    public OrderRule share(String name, OrderRule rule) {
        childRules.put(name, rule);
        return this;
    }

    /** Puts the element and everything under it in order. */
    public void apply(XmlElement e) {
        if (!attributes.isEmpty() && e.attrCount() > 1) {
            e.orderAttributes(attributes);
        }
        if (!children.isEmpty() && e.children().size() > 1) {
            e.orderChildren(children);
        }
        if (expanded && e.children().isEmpty() && e.text() == null) {
            e.expanded(true);
        }
        if (childRules.isEmpty()) {
            return;
        }
        for (XmlElement c : e.children()) {
            OrderRule r = childRules.get(c.name());
            if (r != null) {
                r.apply(c);
            }
        }
    }
}
