package org.virtlayer.shell.internal.command.network;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.CommandFailure;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.network.NetworkListOptions;
import org.virtlayer.shell.internal.network.NetworkQueries;

/** virsh's {@code net-list}. */
@Command(scope = "virt", name = "net-list", description = "Lists networks: the active ones unless told otherwise")
@Service
public class NetListCommand extends VirtCommandSupport {
    @Option(name = "--all", description = "Active and inactive networks")
    boolean all;

    @Option(name = "--inactive", description = "Inactive networks only")
    boolean inactive;

    @Option(name = "--persistent", description = "Persistent networks")
    boolean persistent;

    @Option(name = "--transient", description = "Transient networks")
    boolean transientOnly;

    @Option(name = "--autostart", description = "Networks marked to start with the node")
    boolean autostart;

    @Option(name = "--no-autostart", description = "Networks not marked to start with the node")
    boolean noAutostart;

    @Option(name = "--name", description = "Names only, one a line")
    boolean name;

    @Option(name = "--uuid", description = "UUIDs only, one a line")
    boolean uuid;

    @Option(name = "--no-format", description = "Rows separated by tabs, without a header")
    boolean noFormat;

    @Override
    protected void run() {
        if (name && uuid) {
            throw new CommandFailure("Only one argument from --table, --name and --uuid may be specified.");
        }
        NetworkListOptions options = new NetworkListOptions(all, inactive, persistent, transientOnly, autostart,
                noAutostart);
        NetworkQueries queries = new NetworkQueries(connection());
        if (name || uuid) {
            print(queries.listNames(options, name, uuid));
        } else {
            print(queries.list(options), noFormat);
        }
    }
}
