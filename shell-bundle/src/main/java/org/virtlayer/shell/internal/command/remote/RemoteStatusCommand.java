package org.virtlayer.shell.internal.command.remote;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.remote.RemoteAccessCommands;

/** Whether the remote server runs, where it listens, and how busy it is. */
@Command(scope = "virt", name = "remote-status", description = "Shows the remote server: running, address, port,"
        + " connections, sessions, PKI folder, CA fingerprint")
@Service
public class RemoteStatusCommand extends RemoteCommandSupport {
    @Override
    protected void run() {
        print(remote.call(RemoteAccessCommands::status));
    }
}
