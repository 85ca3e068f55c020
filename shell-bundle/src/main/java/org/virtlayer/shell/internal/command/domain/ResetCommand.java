package org.virtlayer.shell.internal.command.domain;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.DomainNameCompleter;
import org.virtlayer.shell.internal.domain.DomainLifecycle;

/** virsh's {@code reset}. */
@Command(scope = "virt", name = "reset", description = "Resets a domain at once, like pressing its reset button")
@Service
public class ResetCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "domain", description = "Domain name, ID or UUID", required = true)
    @Completion(DomainNameCompleter.class)
    String domain;

    @Override
    protected void run() {
        print(new DomainLifecycle(connection()).reset(domain));
    }
}
