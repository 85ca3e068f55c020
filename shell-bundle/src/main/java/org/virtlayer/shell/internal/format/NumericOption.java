package org.virtlayer.shell.internal.format;

import org.virtlayer.shell.internal.CommandFailure;

/** A plain whole number given to an option, refused in virsh's words when it is not one. */
public final class NumericOption {
    private NumericOption() {
    }

    /** A number from 0 up; null text is {@code 0}, the option's absence. */
    public static long nonNegative(String text, String option) {
        if (text == null) {
            return 0;
        }
        try {
            long n = Long.parseLong(text.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below, as a negative number is
        }
        throw new CommandFailure("Numeric value '" + text + "' for <" + option + "> option is malformed or out of"
                + " range");
    }
}
