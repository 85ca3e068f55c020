package org.virtlayer.shell.internal.command.node;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.node.NodeQueries;

/** virsh's {@code uri}. */
@Command(scope = "virt", name = "uri", description = "Prints the URI of the connection commands use")
@Service
public class UriCommand extends VirtCommandSupport {
    @Override
    protected void run() {
        print(new NodeQueries(connection()).uri());
    }
}
