package org.virtlayer.shell.internal.command;

import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.virtlayer.api.Connection;
import org.virtlayer.shell.internal.completer.UriCompleter;

/** A command that works on a connection: the session's, or the one {@code -c/--connect URI} names. */
public abstract class VirtCommandSupport extends ConsoleCommandSupport {
    @Option(name = "-c", aliases = "--connect", description = "Connection URI to use instead of the session's"
            + " (virt:connect) or the configured one (etc/org.virtlayer.shell.cfg)")
    @Completion(UriCompleter.class)
    protected String connectUri;

    protected String uri() {
        return SessionUri.resolve(connectUri, session, console);
    }

    protected Connection connection() {
        return console.connection(uri());
    }
}
