package org.virtlayer.shell.internal.command.network;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.network.NetworkLifecycle;

/** virsh's {@code net-define}. */
@Command(scope = "virt", name = "net-define", description = "Defines (but does not start) a network from an XML file")
@Service
public class NetDefineCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "file", description = "File with the network's XML definition", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Override
    protected void run() {
        print(new NetworkLifecycle(connection()).define(files(), file));
    }
}
