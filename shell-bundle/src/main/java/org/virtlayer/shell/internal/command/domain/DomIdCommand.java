package org.virtlayer.shell.internal.command.domain;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.DomainNameCompleter;
import org.virtlayer.shell.internal.domain.DomainIdentifiers;

/** virsh's {@code domid}. */
@Command(scope = "virt", name = "domid", description = "Prints a running domain's ID ('-' when it is shut off)")
@Service
public class DomIdCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "domain", description = "Domain name or UUID", required = true)
    @Completion(DomainNameCompleter.class)
    String domain;

    @Override
    protected void run() {
        print(new DomainIdentifiers(connection()).id(domain));
    }
}
