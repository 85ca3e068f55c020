package org.virtlayer.shell.internal.command.network;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.NetworkNameCompleter;
import org.virtlayer.shell.internal.network.NetworkQueries;

/** virsh's {@code net-dumpxml}. */
@Command(scope = "virt", name = "net-dumpxml", description = "Prints a network's XML definition")
@Service
public class NetDumpXmlCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "network", description = "Network name or UUID", required = true)
    @Completion(NetworkNameCompleter.class)
    String network;

    @Option(name = "--inactive", description = "The persistent definition, not the live one")
    boolean inactive;

    @Override
    protected void run() {
        print(new NetworkQueries(connection()).dumpxml(network, inactive));
    }
}
