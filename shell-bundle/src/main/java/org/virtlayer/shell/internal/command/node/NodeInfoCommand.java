package org.virtlayer.shell.internal.command.node;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.node.NodeQueries;

/** virsh's {@code nodeinfo}. */
@Command(scope = "virt", name = "nodeinfo", description = "Shows the node's processors and memory")
@Service
public class NodeInfoCommand extends VirtCommandSupport {
    @Override
    protected void run() {
        print(new NodeQueries(connection()).nodeinfo());
    }
}
