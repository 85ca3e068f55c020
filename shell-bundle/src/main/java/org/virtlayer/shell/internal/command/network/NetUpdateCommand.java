package org.virtlayer.shell.internal.command.network;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.NetworkNameCompleter;
import org.virtlayer.shell.internal.completer.NetworkUpdateSectionCompleter;
import org.virtlayer.shell.internal.domain.Impact;
import org.virtlayer.shell.internal.network.NetworkUpdates;

/**
 * virsh's {@code net-update}, e.g. {@code virt:net-update --live --config default add ip-dhcp-host
 * "<host mac='52:54:00:00:00:01' ip='192.168.122.10'/>"}.
 */
@Command(scope = "virt", name = "net-update", description = "Adds, changes or removes one part of a network's"
        + " definition (a DHCP host, a DNS record, ...) without restarting it")
@Service
public class NetUpdateCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "network", description = "Network name or UUID", required = true)
    @Completion(NetworkNameCompleter.class)
    String network;

    @Argument(index = 1, name = "command", description = "add (add-last), add-first, modify or delete",
            required = true)
    @Completion(values = {"add", "add-last", "add-first", "modify", "delete"}, value = StringsCompleter.class)
    String command;

    @Argument(index = 2, name = "section", description = "Which part: ip-dhcp-host, ip-dhcp-range, dns-host,"
            + " dns-txt, dns-srv, forward-interface, portgroup, ...", required = true)
    @Completion(NetworkUpdateSectionCompleter.class)
    String section;

    @Argument(index = 3, name = "xml", description = "The XML element (when it starts with '<') or a file holding"
            + " it", required = true)
    @Completion(FileCompleter.class)
    String xml;

    @Option(name = "--parent-index", description = "Which <ip> element of the network to change (default: the"
            + " first that fits)")
    int parentIndex = -1;

    @Option(name = "--live", description = "Change the running network")
    boolean live;

    @Option(name = "--config", description = "Change the persistent definition")
    boolean config;

    @Option(name = "--current", description = "Change the running network if it runs, else its definition (the"
            + " default)")
    boolean current;

    @Override
    protected void run() {
        print(new NetworkUpdates(connection()).update(network, command, section, xml, files(), parentIndex,
                new Impact(live, config, current, false)));
    }
}
