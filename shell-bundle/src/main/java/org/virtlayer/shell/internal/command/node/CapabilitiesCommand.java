package org.virtlayer.shell.internal.command.node;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.node.NodeQueries;

/** virsh's {@code capabilities}. */
@Command(scope = "virt", name = "capabilities", description = "Prints the node's capabilities as libvirt's XML")
@Service
public class CapabilitiesCommand extends VirtCommandSupport {
    @Override
    protected void run() {
        print(new NodeQueries(connection()).capabilities());
    }
}
