package org.virtlayer.shell.internal.completer;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.virtlayer.api.Network;
import org.virtlayer.shell.internal.VirtConsole;

/** Completes the UUIDs of the networks on the command's connection, for the commands that take a UUID only. */
@Service
public class NetworkUuidCompleter extends NamesCompleter {
    @Reference
    VirtConsole console;

    @Override
    protected List<String> names(Session session, CommandLine commandLine) {
        return CommandLineOptions.connection(console, session, commandLine).listNetworks().stream()
                .map(o -> o.uuid().toString()).sorted().toList();
    }
}
