package org.virtlayer.shell.internal.command.network;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.NetworkNameCompleter;
import org.virtlayer.shell.internal.network.NetworkQueries;

/** virsh's {@code net-info}. */
@Command(scope = "virt", name = "net-info", description = "Shows a network's state and bridge")
@Service
public class NetInfoCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "network", description = "Network name or UUID", required = true)
    @Completion(NetworkNameCompleter.class)
    String network;

    @Override
    protected void run() {
        print(new NetworkQueries(connection()).info(network));
    }
}
