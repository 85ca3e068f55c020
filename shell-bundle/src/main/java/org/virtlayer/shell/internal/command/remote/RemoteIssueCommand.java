package org.virtlayer.shell.internal.command.remote;

import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Issues a client certificate signed by the node's CA and trusts it; the client's files go to {@code --out}. */
@Command(scope = "virt", name = "remote-issue", description = "Issues a client certificate for remote access and"
        + " writes cacert.pem, clientcert.pem and clientkey.pem (the pkipath of a DRIVER+tls:// URI) to a folder")
@Service
public class RemoteIssueCommand extends RemoteCommandSupport {
    @Argument(index = 0, name = "name", description = "The client's name: letters, digits, '.', '_', '@', '-'",
            required = true)
    String name;

    @Option(name = "--role", description = "read-only (queries and events) or admin (everything)", required = true)
    @Completion(values = {"read-only", "admin"}, value = StringsCompleter.class)
    String role;

    @Option(name = "--out", description = "Folder for the client's files (made if missing; the key is owner-only)",
            required = true)
    @Completion(FileCompleter.class)
    String out;

    @Override
    protected void run() {
        Path folder = path(out);
        print(remote.call(r -> r.issue(name, role, folder)));
    }
}
