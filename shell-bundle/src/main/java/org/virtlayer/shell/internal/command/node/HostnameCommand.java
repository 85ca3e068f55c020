package org.virtlayer.shell.internal.command.node;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.node.NodeQueries;

/** virsh's {@code hostname}. */
@Command(scope = "virt", name = "hostname", description = "Prints the node's host name")
@Service
public class HostnameCommand extends VirtCommandSupport {
    @Override
    protected void run() {
        print(new NodeQueries(connection()).hostname());
    }
}
