package org.virtlayer.shell.internal.format;

import java.util.Locale;

/** Sizes in bytes written the way virsh writes them for pools and volumes: {@code 100.00 GiB}, {@code 0.00 B}. */
public final class Capacity {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Capacity() {
    }

    public static String pretty(long bytes) {
        double value = bytes;
        int unit = 0;
        // virsh moves to the next unit only from 1024 of the current one on
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", value, UNITS[unit]);
    }

    /** Bytes as a plain number with the unit, for {@code --bytes}. */
    public static String bytes(long bytes) {
        return bytes + " bytes";
    }
}
