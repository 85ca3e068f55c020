package org.virtlayer.shell.internal.command.node;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.ConsoleCommandSupport;
import org.virtlayer.shell.internal.command.SessionUri;
import org.virtlayer.shell.internal.completer.UriCompleter;

/**
 * virsh's {@code connect}: later commands of this session use the URI. It is opened now, so that a wrong URI is
 * told at once and the session keeps its previous one.
 */
@Command(scope = "virt", name = "connect", description = "Connects this console session to a hypervisor; without"
        + " a URI, back to the configured one")
@Service
public class ConnectCommand extends ConsoleCommandSupport {
    @Argument(index = 0, name = "uri", description = "Connection URI, e.g. test:///default, qemu:///system")
    @Completion(UriCompleter.class)
    String uri;

    @Override
    protected void run() {
        String target = uri == null ? console.defaultUri() : uri.strip();
        console.connection(target);
        SessionUri.choose(session, uri == null ? null : target);
    }
}
