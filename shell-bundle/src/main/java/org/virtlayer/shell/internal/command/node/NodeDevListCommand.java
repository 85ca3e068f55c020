package org.virtlayer.shell.internal.command.node;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.node.NodeDeviceQueries;

/** virsh's {@code nodedev-list}. */
@Command(scope = "virt", name = "nodedev-list", description = "Lists the node's devices, one name a line")
@Service
public class NodeDevListCommand extends VirtCommandSupport {
    @Option(name = "--cap", description = "Only devices with this capability: system, pci, usb_device, net, scsi_host,"
            + " storage, ...")
    @Completion(values = {"system", "pci", "usb_device", "usb", "net", "scsi_host", "scsi", "storage"},
            value = StringsCompleter.class)
    String capability;

    @Override
    protected void run() {
        print(new NodeDeviceQueries(connection()).list(capability));
    }
}
