package org.virtlayer.shell.internal.command.domain;

import org.apache.karaf.shell.api.action.Option;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.domain.Impact;

/** Commands that change a domain live, in its definition, or both: virsh's {@code --live/--config/--current}. */
public abstract class ImpactCommandSupport extends VirtCommandSupport {
    @Option(name = "--live", description = "Change the running domain")
    boolean live;

    @Option(name = "--config", description = "Change the persistent definition")
    boolean config;

    @Option(name = "--current", description = "Change the running domain if it runs, else its definition (the"
            + " default)")
    boolean current;

    protected Impact impact() {
        return new Impact(live, config, current, false);
    }
}
