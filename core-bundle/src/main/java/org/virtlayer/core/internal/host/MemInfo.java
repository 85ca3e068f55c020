package org.virtlayer.core.internal.host;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The {@code Key: value kB} lines of /proc/meminfo and of /sys/devices/system/node/nodeN/meminfo (whose lines carry
 * a {@code Node N } prefix). Values are kept as written: KiB for lines with a {@code kB} unit, counts otherwise.
 */
final class MemInfo {
    private final Map<String, Long> values;

    private MemInfo(Map<String, Long> values) {
        this.values = values;
    }

    static MemInfo parse(String text) {
        Map<String, Long> values = new LinkedHashMap<>();
        if (text != null) {
            for (String raw : text.split("\n")) {
                String line = raw.trim();
                if (line.startsWith("Node ")) {
                    // "Node 0 MemTotal:  4942028 kB": drop the "Node N " prefix
                    int second = line.indexOf(' ', "Node ".length());
                    if (second < 0) {
                        continue;
                    }
                    line = line.substring(second + 1).trim();
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String key = line.substring(0, colon).trim();
                String[] tokens = line.substring(colon + 1).trim().split("\\s+");
                OptionalLong value = HostFiles.parseLong(tokens[0]);
                if (value.isPresent() && value.getAsLong() >= 0) {
                    values.putIfAbsent(key, value.getAsLong());
                }
            }
        }
        return new MemInfo(values);
    }

    /** The value of a key ({@code MemTotal}, {@code MemFree}), in the file's unit (KiB for memory lines). */
    OptionalLong get(String key) {
        Long v = values.get(key);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
