package org.virtlayer.driver.qemu.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Samples of one figure, reported as their median in milliseconds. */
final class Timing {
    private final List<Double> ms = new ArrayList<>();

    void add(long nanos) {
        ms.add(nanos / 1e6);
    }

    void addMs(double millis) {
        ms.add(millis);
    }

    String median() {
        if (ms.isEmpty()) {
            return "n/a";
        }
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        double m = s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
        return m >= 100 ? String.format("%.0f", m) : String.format("%.1f", m);
    }
}
