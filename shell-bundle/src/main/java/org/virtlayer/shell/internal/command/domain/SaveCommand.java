package org.virtlayer.shell.internal.command.domain;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.DomainNameCompleter;
import org.virtlayer.shell.internal.domain.DomainLifecycle;

/** virsh's {@code save}. */
@Command(scope = "virt", name = "save", description = "Saves a running domain's memory to a file on the node and"
        + " stops it; virt:restore starts it again from there")
@Service
public class SaveCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "domain", description = "Domain name, ID or UUID", required = true)
    @Completion(DomainNameCompleter.class)
    String domain;

    @Argument(index = 1, name = "file", description = "Where to save, on the node", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Override
    protected void run() {
        print(new DomainLifecycle(connection()).save(domain, file));
    }
}
