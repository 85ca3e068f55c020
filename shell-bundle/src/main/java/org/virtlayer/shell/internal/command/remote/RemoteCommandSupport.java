package org.virtlayer.shell.internal.command.remote;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.virtlayer.shell.internal.command.ConsoleCommandSupport;
import org.virtlayer.shell.internal.remote.RemoteAccess;

/** The remote-access commands: they call the remote server's administration, which may not be installed. */
public abstract class RemoteCommandSupport extends ConsoleCommandSupport {
    @Reference
    protected RemoteAccess remote;
}
