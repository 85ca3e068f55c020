package org.virtlayer.shell.internal.command.network;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.NetworkNameCompleter;
import org.virtlayer.shell.internal.network.NetworkIdentifiers;

/** virsh's {@code net-uuid}. */
@Command(scope = "virt", name = "net-uuid", description = "Prints a network's UUID")
@Service
public class NetUuidCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "network", description = "Network name", required = true)
    @Completion(NetworkNameCompleter.class)
    String network;

    @Override
    protected void run() {
        print(new NetworkIdentifiers(connection()).uuid(network));
    }
}
