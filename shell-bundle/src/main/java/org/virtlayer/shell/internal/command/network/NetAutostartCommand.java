package org.virtlayer.shell.internal.command.network;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.NetworkNameCompleter;
import org.virtlayer.shell.internal.network.NetworkLifecycle;

/** virsh's {@code net-autostart}. */
@Command(scope = "virt", name = "net-autostart", description = "Marks a network to start when the node starts")
@Service
public class NetAutostartCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "network", description = "Network name or UUID", required = true)
    @Completion(NetworkNameCompleter.class)
    String network;

    @Option(name = "--disable", description = "Unmark it instead")
    boolean disable;

    @Override
    protected void run() {
        print(new NetworkLifecycle(connection()).autostart(network, !disable));
    }
}
