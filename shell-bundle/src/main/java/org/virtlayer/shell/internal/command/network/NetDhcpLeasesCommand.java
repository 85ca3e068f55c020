package org.virtlayer.shell.internal.command.network;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.NetworkNameCompleter;
import org.virtlayer.shell.internal.network.NetworkLeases;

/** virsh's {@code net-dhcp-leases}. */
@Command(scope = "virt", name = "net-dhcp-leases", description = "Lists the DHCP leases a network handed out")
@Service
public class NetDhcpLeasesCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "network", description = "Network name or UUID", required = true)
    @Completion(NetworkNameCompleter.class)
    String network;

    @Option(name = "--mac", description = "Only the leases of this MAC address")
    String mac;

    @Option(name = "--no-format", description = "Rows separated by tabs, without a header")
    boolean noFormat;

    @Override
    protected void run() {
        print(new NetworkLeases(connection()).table(network, mac), noFormat);
    }
}
