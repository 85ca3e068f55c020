package org.virtlayer.shell.internal.command.node;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.NodeDeviceNameCompleter;
import org.virtlayer.shell.internal.node.NodeDeviceQueries;

/** virsh's {@code nodedev-dumpxml}. */
@Command(scope = "virt", name = "nodedev-dumpxml", description = "Prints a node device's XML description")
@Service
public class NodeDevDumpXmlCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "device", description = "Device name", required = true)
    @Completion(NodeDeviceNameCompleter.class)
    String device;

    @Override
    protected void run() {
        print(new NodeDeviceQueries(connection()).dumpxml(device));
    }
}
