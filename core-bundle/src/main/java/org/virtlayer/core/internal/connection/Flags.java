package org.virtlayer.core.internal.connection;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The API's varargs flags as the set the SPI takes. */
final class Flags {
    private Flags() {
    }

    @SafeVarargs
    static <F extends Enum<F>> Set<F> of(F... flags) {
        return flags.length == 0 ? Set.of() : EnumSet.copyOf(List.of(flags));
    }
}
