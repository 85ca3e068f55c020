package org.virtlayer.shell.internal.command.domain;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.DomainNameCompleter;
import org.virtlayer.shell.internal.domain.DomainIdentifiers;

/** virsh's {@code domuuid}. */
@Command(scope = "virt", name = "domuuid", description = "Prints a domain's UUID")
@Service
public class DomUuidCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "domain", description = "Domain name or ID", required = true)
    @Completion(DomainNameCompleter.class)
    String domain;

    @Override
    protected void run() {
        print(new DomainIdentifiers(connection()).uuid(domain));
    }
}
