package org.virtlayer.shell.internal.format;

import java.math.BigInteger;
import java.util.Locale;
import org.virtlayer.shell.internal.CommandFailure;

/**
 * A size typed by a person, as virsh reads one: a whole number with an optional unit. {@code b}, {@code k},
 * {@code KiB}, {@code M}, {@code GiB}, ... are powers of 1024; {@code KB}, {@code MB}, {@code GB}, ... powers of 1000.
 * Without a unit the number is in the command's default unit (KiB for memory, bytes for volumes).
 */
public final class ScaledInteger {
    private static final String UNITS = "kmgtpe";

    private ScaledInteger() {
    }

    /**
     * @param what names the value in the error, e.g. {@code memory size}
     * @param defaultUnit bytes per unit when none is written
     * @param resultUnit bytes per unit of the result (1024 to answer in KiB)
     */
    public static long parse(String text, String what, long defaultUnit, long resultUnit) {
        String t = text == null ? "" : text.strip();
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw invalid(text, what);
        }
        BigInteger number = new BigInteger(t.substring(0, i));
        BigInteger bytes = number.multiply(BigInteger.valueOf(unit(t.substring(i).strip(), text, what, defaultUnit)));
        BigInteger[] result = bytes.divideAndRemainder(BigInteger.valueOf(resultUnit));
        if (result[0].bitLength() > 63) {
            throw new CommandFailure("numerical overflow: " + what + " '" + text + "' is too large");
        }
        // virsh rounds a size that is not a whole number of the result's unit up, never to zero
        return result[0].longValueExact() + (result[1].signum() > 0 ? 1 : 0);
    }

    private static long unit(String suffix, String text, String what, long defaultUnit) {
        if (suffix.isEmpty()) {
            return defaultUnit;
        }
        String s = suffix.toLowerCase(Locale.ROOT);
        if (s.equals("b") || s.equals("byte") || s.equals("bytes")) {
            return 1;
        }
        int power = UNITS.indexOf(s.charAt(0)) + 1;
        if (power == 0) {
            throw invalid(text, what);
        }
        String rest = s.substring(1);
        long base;
        if (rest.isEmpty() || rest.equals("ib")) {
            base = 1024;
        } else if (rest.equals("b")) {
            base = 1000;
        } else {
            throw invalid(text, what);
        }
        long unit = 1;
        for (int p = 0; p < power; p++) {
            unit *= base;
        }
        return unit;
    }

    private static CommandFailure invalid(String text, String what) {
        return new CommandFailure("invalid " + what + " '" + text
                + "': expected a whole number with an optional unit (KiB, MiB, GiB, ... or KB, MB, GB, ...)");
    }
}
