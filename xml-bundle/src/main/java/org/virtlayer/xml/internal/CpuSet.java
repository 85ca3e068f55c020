package org.virtlayer.xml.internal;

import java.util.BitSet;
import org.virtlayer.api.VirtException;

/** libvirt's CPU list syntax ({@code 0-3,^2,7}): parsed into a bit set, formatted back as ranges. */
public final class CpuSet {
    private CpuSet() {
    }

    /** Parses a list; {@code what} names the attribute for the error message. */
    public static BitSet parse(String s, String what) {
        BitSet set = new BitSet();
        if (s == null || s.isBlank()) {
            throw VirtException.xml("empty CPU list in " + what);
        }
        for (String part : s.split(",")) {
            String p = part.strip();
            boolean negate = p.startsWith("^");
            if (negate) {
                p = p.substring(1);
            }
            int dash = p.indexOf('-');
            int from;
            int to;
            try {
                from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).strip());
                to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).strip());
            } catch (NumberFormatException e) {
                throw VirtException.xml("malformed CPU list '" + s + "' in " + what);
            }
            if (from < 0 || to < from || to > 65535) {
                throw VirtException.xml("malformed CPU list '" + s + "' in " + what);
            }
            if (negate) {
                set.clear(from, to + 1);
            } else {
                set.set(from, to + 1);
            }
        }
        return set;
    }

    /** The set as libvirt writes it: ascending, consecutive CPUs joined as ranges. */
    public static String format(BitSet set) {
        StringBuilder sb = new StringBuilder();
        for (int i = set.nextSetBit(0); i >= 0; ) {
            int end = set.nextClearBit(i) - 1;
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(i);
            if (end > i) {
                sb.append('-').append(end);
            }
            i = set.nextSetBit(end + 1);
        }
        return sb.toString();
    }
}
