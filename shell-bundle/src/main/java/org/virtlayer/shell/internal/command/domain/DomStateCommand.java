package org.virtlayer.shell.internal.command.domain;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.DomainNameCompleter;
import org.virtlayer.shell.internal.domain.DomainQueries;

/** virsh's {@code domstate}. */
@Command(scope = "virt", name = "domstate", description = "Shows a domain's state")
@Service
public class DomStateCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "domain", description = "Domain name, ID or UUID", required = true)
    @Completion(DomainNameCompleter.class)
    String domain;

    @Option(name = "--reason", description = "Say why it is in that state too")
    boolean reason;

    @Override
    protected void run() {
        print(new DomainQueries(connection()).domstate(domain, reason));
    }
}
