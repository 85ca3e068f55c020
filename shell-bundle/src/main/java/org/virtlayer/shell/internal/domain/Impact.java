package org.virtlayer.shell.internal.domain;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.virtlayer.api.ModificationImpact;
import org.virtlayer.shell.internal.CommandFailure;

/**
 * virsh's {@code --live}, {@code --config}, {@code --current} and attach-device's older {@code --persistent} (the
 * definition, and the running domain too if it runs).
 */
public record Impact(boolean live, boolean config, boolean current, boolean persistent) {
    public static final Impact CURRENT = new Impact(false, false, false, false);

    public Impact {
        if (current && (live || config)) {
            throw new CommandFailure("Options --current and --" + (live ? "live" : "config")
                    + " are mutually exclusive");
        }
        if (current && persistent) {
            throw new CommandFailure("Options --current and --persistent are mutually exclusive");
        }
    }

    /** The API's impact for a domain; {@code active} is asked only for {@code --persistent}. */
    public ModificationImpact[] resolve(BooleanSupplier active) {
        Set<ModificationImpact> impact = EnumSet.noneOf(ModificationImpact.class);
        if (live) {
            impact.add(ModificationImpact.LIVE);
        }
        if (config) {
            impact.add(ModificationImpact.CONFIG);
        }
        if (persistent) {
            impact.add(ModificationImpact.CONFIG);
            if (active.getAsBoolean()) {
                impact.add(ModificationImpact.LIVE);
            }
        }
        if (impact.isEmpty()) {
            return new ModificationImpact[] {ModificationImpact.CURRENT};
        }
        return impact.toArray(ModificationImpact[]::new);
    }
}
