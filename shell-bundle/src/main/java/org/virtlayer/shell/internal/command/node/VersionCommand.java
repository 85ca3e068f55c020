package org.virtlayer.shell.internal.command.node;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.node.NodeQueries;

/** virsh's {@code version}. */
@Command(scope = "virt", name = "version", description = "Prints the versions of virtlayer and of the hypervisor")
@Service
public class VersionCommand extends VirtCommandSupport {
    @Override
    protected void run() {
        print(new NodeQueries(connection()).version(console.version()));
    }
}
