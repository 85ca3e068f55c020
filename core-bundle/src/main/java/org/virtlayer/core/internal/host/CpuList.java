package org.virtlayer.core.internal.host;

import java.util.BitSet;

/**
 * The kernel's CPU list format ({@code 0-3,8,10-11}), used by sysfs for online, present, cpulist and sibling sets,
 * and by libvirt for {@code siblings='...'} and {@code cpus='...'} attributes.
 */
final class CpuList {
    /** Ids above this are taken as garbage rather than allocating a huge set for them. */
    static final int MAX_CPU_ID = 1 << 16;

    private CpuList() {
    }

    /** Parses a list; malformed items are skipped, so garbage gives an empty set, never an exception. */
    static BitSet parse(String text) {
        BitSet set = new BitSet();
        if (text == null) {
            return set;
        }
        for (String item : text.trim().split(",")) {
            String s = item.trim();
            if (s.isEmpty()) {
                continue;
            }
            int dash = s.indexOf('-');
            try {
                if (dash < 0) {
                    int id = Integer.parseInt(s);
                    if (id >= 0 && id <= MAX_CPU_ID) {
                        set.set(id);
                    }
                } else {
                    int from = Integer.parseInt(s.substring(0, dash).trim());
                    int to = Integer.parseInt(s.substring(dash + 1).trim());
                    if (from >= 0 && from <= to && to <= MAX_CPU_ID) {
                        set.set(from, to + 1);
                    }
                }
            } catch (NumberFormatException e) {
                // skip this item: the rest of the list may still be good
            }
        }
        return set;
    }

    /** Formats a set as the kernel and libvirt do: ascending, runs of two or more ids as {@code a-b}. */
    static String format(BitSet set) {
        StringBuilder out = new StringBuilder();
        int start = set.nextSetBit(0);
        while (start >= 0) {
            int end = set.nextClearBit(start) - 1;
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(start);
            if (end > start) {
                out.append('-').append(end);
            }
            start = set.nextSetBit(end + 1);
        }
        return out.toString();
    }
}
