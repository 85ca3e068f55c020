package org.virtlayer.shell.internal.completer;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.virtlayer.shell.internal.remote.RemoteAccess;
import org.virtlayer.shell.internal.remote.RemoteAccessCommands;

/** Completes the names of the clients trusted for remote access; none without the remote server. */
@Service
public class RemoteClientCompleter extends NamesCompleter {
    @Reference
    RemoteAccess remote;

    @Override
    protected List<String> names(Session session, CommandLine commandLine) {
        return remote.call(RemoteAccessCommands::names);
    }
}
