package org.virtlayer.shell.internal.command.network;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.NetworkUuidCompleter;
import org.virtlayer.shell.internal.network.NetworkIdentifiers;

/** virsh's {@code net-name}. */
@Command(scope = "virt", name = "net-name", description = "Prints a network's name")
@Service
public class NetNameCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "network", description = "Network UUID", required = true)
    @Completion(NetworkUuidCompleter.class)
    String network;

    @Override
    protected void run() {
        print(new NetworkIdentifiers(connection()).name(network));
    }
}
