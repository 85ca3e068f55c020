package org.virtlayer.shell.internal.command.domain;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.completer.DomainNameCompleter;
import org.virtlayer.shell.internal.domain.DomainSettings;

/** virsh's {@code setvcpus}. */
@Command(scope = "virt", name = "setvcpus", description = "Changes the number of a domain's vCPUs")
@Service
public class SetVcpusCommand extends ImpactCommandSupport {
    @Argument(index = 0, name = "domain", description = "Domain name, ID or UUID", required = true)
    @Completion(DomainNameCompleter.class)
    String domain;

    @Argument(index = 1, name = "count", description = "Number of vCPUs", required = true)
    String count;

    @Override
    protected void run() {
        print(new DomainSettings(connection()).setvcpus(domain, count, impact()));
    }
}
