package org.virtlayer.shell.internal.command.remote;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Trusts a certificate a client made itself: trust is by its SHA-256 fingerprint, whoever signed it. */
@Command(scope = "virt", name = "remote-trust", description = "Trusts a client's own certificate (PEM file) for"
        + " remote access")
@Service
public class RemoteTrustCommand extends RemoteCommandSupport {
    @Argument(index = 0, name = "file", description = "The client's certificate, PEM", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--name", description = "The client's name: letters, digits, '.', '_', '@', '-'",
            required = true)
    String name;

    @Option(name = "--role", description = "read-only (queries and events) or admin (everything)", required = true)
    @Completion(values = {"read-only", "admin"}, value = StringsCompleter.class)
    String role;

    @Override
    protected void run() {
        String pem = files().read(file);
        print(remote.call(r -> r.trust(pem, name, role)));
    }
}
