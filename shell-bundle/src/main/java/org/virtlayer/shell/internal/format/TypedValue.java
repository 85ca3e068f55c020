package org.virtlayer.shell.internal.format;

import java.math.BigDecimal;
import java.math.MathContext;

/** A statistic's value as virsh prints typed parameters: numbers as they are, doubles like C's {@code %g}. */
public final class TypedValue {
    private TypedValue() {
    }

    public static String format(Object value) {
        if (value instanceof Double d) {
            return cStyleG(d);
        }
        if (value instanceof Float f) {
            return cStyleG(f.doubleValue());
        }
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        return String.valueOf(value);
    }

    /** C's {@code %g}: six significant digits, no trailing zeros, an exponent outside 1e-4 .. 1e6. */
    static String cStyleG(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(6));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            return mantissa.toPlainString() + (exponent < 0 ? "e-" : "e+")
                    + String.format("%02d", Math.abs(exponent));
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
