package org.virtlayer.shell.internal.command.network;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.network.NetworkLifecycle;

/** virsh's {@code net-create}. */
@Command(scope = "virt", name = "net-create", description = "Creates and starts a transient network from an XML file")
@Service
public class NetCreateCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "file", description = "File with the network's XML definition", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Override
    protected void run() {
        print(new NetworkLifecycle(connection()).create(files(), file));
    }
}
