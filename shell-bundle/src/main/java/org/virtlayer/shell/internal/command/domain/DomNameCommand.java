package org.virtlayer.shell.internal.command.domain;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.DomainUuidCompleter;
import org.virtlayer.shell.internal.domain.DomainIdentifiers;

/** virsh's {@code domname}. */
@Command(scope = "virt", name = "domname", description = "Prints a domain's name")
@Service
public class DomNameCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "domain", description = "Domain ID or UUID", required = true)
    @Completion(DomainUuidCompleter.class)
    String domain;

    @Override
    protected void run() {
        print(new DomainIdentifiers(connection()).name(domain));
    }
}
