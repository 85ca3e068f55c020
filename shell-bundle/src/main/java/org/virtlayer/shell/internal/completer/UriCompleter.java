package org.virtlayer.shell.internal.completer;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.virtlayer.shell.internal.VirtConsole;

/** Completes connection URIs: the configured one, the open ones and one per installed driver. */
@Service
public class UriCompleter extends NamesCompleter {
    @Reference
    VirtConsole console;

    @Override
    protected List<String> names(Session session, CommandLine commandLine) {
        return console.knownUris();
    }
}
