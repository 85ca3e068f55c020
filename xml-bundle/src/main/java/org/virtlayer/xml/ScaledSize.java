package org.virtlayer.xml;

import java.util.Locale;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/**
 * Sizes with units as libvirt reads them ({@code <memory unit='GiB'>4</memory>}, {@code <capacity unit='M'>}):
 * {@code b}/{@code bytes}; {@code k}, {@code KiB} = 1024 and {@code KB} = 1000; likewise M, G, T, P, E. Case is not
 * significant.
 */
public final class ScaledSize {
    private ScaledSize() {
    }

    /**
     * The value in bytes.
     *
     * @param what names the element or attribute, for the error message
     * @param defaultUnit the unit when none is given ("KiB" for memory, "bytes" for storage)
     * @throws VirtException XML_ERROR for a malformed number or unit; OVERFLOW for a size beyond 2^63 bytes
     */
    public static long toBytes(String value, String unit, String defaultUnit, String what) {
        if (value == null || value.isBlank()) {
            throw VirtException.xml("missing value for " + what);
        }
        long n;
        try {
            n = Long.parseUnsignedLong(value.strip());
        } catch (NumberFormatException e) {
            throw VirtException.xml("invalid value '" + value.strip() + "' for " + what);
        }
        if (n < 0) {
            throw new VirtException(ErrorCode.OVERFLOW, "value '" + value.strip() + "' for " + what + " is too large");
        }
        long scale = scale(unit == null || unit.isEmpty() ? defaultUnit : unit, what);
        if (scale > 1 && n > Long.MAX_VALUE / scale) {
            throw new VirtException(ErrorCode.OVERFLOW, "value '" + value.strip() + " " + unit + "' for " + what
                    + " is too large");
        }
        return n * scale;
    }

    /** The value in KiB, rounded up as libvirt rounds memory. */
    public static long toKiB(String value, String unit, String what) {
        long bytes = toBytes(value, unit, "KiB", what);
        return bytes / 1024 + (bytes % 1024 == 0 ? 0 : 1);
    }

    /** Bytes per unit. */
    public static long scale(String unit, String what) {
        String u = unit.strip();
        if (u.isEmpty()) {
            return 1;
        }
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.equals("b") || lower.equals("bytes")) {
            return 1;
        }
        int power = switch (lower.charAt(0)) {
            case 'k' -> 1;
            case 'm' -> 2;
            case 'g' -> 3;
            case 't' -> 4;
            case 'p' -> 5;
            case 'e' -> 6;
            default -> throw VirtException.xml("unknown suffix '" + u + "' for " + what);
        };
        long base;
        String rest = lower.substring(1);
        if (rest.isEmpty() || rest.equals("ib")) {
            base = 1024;
        } else if (rest.equals("b")) {
            base = 1000;
        } else {
            throw VirtException.xml("unknown suffix '" + u + "' for " + what);
        }
        long s = 1;
        for (int i = 0; i < power; i++) {
            s *= base;
        }
        return s;
    }
}
