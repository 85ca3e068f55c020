package org.virtlayer.xml;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An order of element names as a rank per name, for sorting; names not listed go last. */
final class ElementOrder {
    private final Map<String, Integer> rank;
    private final int last;

    private ElementOrder(List<String> names) {
        rank = new HashMap<>(names.size() * 2);
        for (int i = 0; i < names.size(); i++) {
            rank.putIfAbsent(names.get(i), i);
        }
        last = names.size();
    }

    static ElementOrder of(List<String> names) {
        return new ElementOrder(names);
    }

    int rank(String name) {
        Integer r = rank.get(name);
        return r == null ? last : r;
    }
}
