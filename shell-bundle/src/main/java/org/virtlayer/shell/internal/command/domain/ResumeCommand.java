package org.virtlayer.shell.internal.command.domain;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.DomainNameCompleter;
import org.virtlayer.shell.internal.domain.DomainLifecycle;

/** virsh's {@code resume}. */
@Command(scope = "virt", name = "resume", description = "Resumes a paused domain")
@Service
public class ResumeCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "domain", description = "Domain name, ID or UUID", required = true)
    @Completion(DomainNameCompleter.class)
    String domain;

    @Override
    protected void run() {
        print(new DomainLifecycle(connection()).resume(domain));
    }
}
