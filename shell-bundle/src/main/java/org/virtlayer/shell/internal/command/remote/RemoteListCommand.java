package org.virtlayer.shell.internal.command.remote;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.remote.RemoteAccessCommands;

/** The clients the node trusts for remote access. */
@Command(scope = "virt", name = "remote-list", description = "Lists the clients trusted for remote access: name,"
        + " role, certificate fingerprint, subject, expiry")
@Service
public class RemoteListCommand extends RemoteCommandSupport {
    @Option(name = "--no-format", description = "Rows separated by tabs, without a header")
    boolean noFormat;

    @Override
    protected void run() {
        print(remote.call(RemoteAccessCommands::list), noFormat);
    }
}
