package org.virtlayer.xml;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The order libvirt writes some element's children in, as a rank per name; names not listed go last. */
public final class ElementOrder {
    private final Map<String, Integer> rank;
    private final int last;

    private ElementOrder(List<String> names) {
        rank = new HashMap<>(names.size() * 2);
        for (int i = 0; i < names.size(); i++) {
            rank.putIfAbsent(names.get(i), i);
        }
        last = names.size();
    }

    public static ElementOrder of(List<String> names) {
        return new ElementOrder(names);
    }

    public static ElementOrder of(String... names) {
        return new ElementOrder(List.of(names));
    }

    int rank(String name) {
        Integer r = rank.get(name);
        return r == null ? last : r;
    }
}
