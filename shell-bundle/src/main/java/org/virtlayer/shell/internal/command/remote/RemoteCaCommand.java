package org.virtlayer.shell.internal.command.remote;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.remote.RemoteAccessCommands;

/** The node's CA certificate, which a client keeps as its {@code cacert.pem}. */
@Command(scope = "virt", name = "remote-ca", description = "Prints the node's CA certificate (a client's cacert.pem)")
@Service
public class RemoteCaCommand extends RemoteCommandSupport {
    @Override
    protected void run() {
        print(remote.call(RemoteAccessCommands::ca));
    }
}
