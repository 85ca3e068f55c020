package org.virtlayer.shell.internal.command.network;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.NetworkNameCompleter;
import org.virtlayer.shell.internal.network.NetworkLifecycle;

/** virsh's {@code net-destroy}. */
@Command(scope = "virt", name = "net-destroy", description = "Stops a network")
@Service
public class NetDestroyCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "network", description = "Network name or UUID", required = true)
    @Completion(NetworkNameCompleter.class)
    String network;

    @Override
    protected void run() {
        print(new NetworkLifecycle(connection()).destroy(network));
    }
}
