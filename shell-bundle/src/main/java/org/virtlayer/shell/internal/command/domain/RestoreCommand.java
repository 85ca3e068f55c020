package org.virtlayer.shell.internal.command.domain;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.domain.DomainLifecycle;

/** virsh's {@code restore}. */
@Command(scope = "virt", name = "restore", description = "Starts a domain again from a file virt:save wrote")
@Service
public class RestoreCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "file", description = "The saved state, on the node", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Override
    protected void run() {
        print(new DomainLifecycle(connection()).restore(file));
    }
}
