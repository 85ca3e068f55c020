package org.virtlayer.shell.internal.command.domain;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.completer.DomainNameCompleter;
import org.virtlayer.shell.internal.domain.DomainSettings;

/** virsh's {@code setmem}. */
@Command(scope = "virt", name = "setmem", description = "Changes a domain's current memory (the balloon target"
        + " while it runs)")
@Service
public class SetMemCommand extends ImpactCommandSupport {
    @Argument(index = 0, name = "domain", description = "Domain name, ID or UUID", required = true)
    @Completion(DomainNameCompleter.class)
    String domain;

    @Argument(index = 1, name = "size", description = "New size, in KiB unless a unit follows: 512M, 2G, 2GiB",
            required = true)
    String size;

    @Override
    protected void run() {
        print(new DomainSettings(connection()).setmem(domain, size, impact()));
    }
}
