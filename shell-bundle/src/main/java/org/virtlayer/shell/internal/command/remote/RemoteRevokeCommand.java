package org.virtlayer.shell.internal.command.remote;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.completer.RemoteClientCompleter;

/** Stops trusting a client; its open sessions and connections end at once. */
@Command(scope = "virt", name = "remote-revoke", description = "Revokes a client's remote access; its sessions end"
        + " at once")
@Service
public class RemoteRevokeCommand extends RemoteCommandSupport {
    @Argument(index = 0, name = "client", description = "The client's name or certificate fingerprint",
            required = true)
    @Completion(RemoteClientCompleter.class)
    String client;

    @Override
    protected void run() {
        print(remote.call(r -> r.revoke(client)));
    }
}
