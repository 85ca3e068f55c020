package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.storage.PoolListOptions;
import org.virtlayer.shell.internal.storage.PoolQueries;

/** virsh's {@code pool-list}. */
@Command(scope = "virt", name = "pool-list", description = "Lists storage pools: the active ones unless told"
        + " otherwise")
@Service
public class PoolListCommand extends VirtCommandSupport {
    @Option(name = "--all", description = "Active and inactive pools")
    boolean all;

    @Option(name = "--inactive", description = "Inactive pools only")
    boolean inactive;

    @Option(name = "--persistent", description = "Persistent pools")
    boolean persistent;

    @Option(name = "--transient", description = "Transient pools")
    boolean transientOnly;

    @Option(name = "--autostart", description = "Pools marked to start with the node")
    boolean autostart;

    @Option(name = "--no-autostart", description = "Pools not marked to start with the node")
    boolean noAutostart;

    @Option(name = "--details", description = "Persistence and sizes too")
    boolean details;

    @Option(name = "--name", description = "Names only, one a line")
    boolean name;

    @Option(name = "--uuid", description = "UUIDs only, one a line")
    boolean uuid;

    @Option(name = "--no-format", description = "Rows separated by tabs, without a header")
    boolean noFormat;

    @Override
    protected void run() {
        PoolListOptions options = new PoolListOptions(all, inactive, persistent, transientOnly, autostart,
                noAutostart);
        PoolQueries queries = new PoolQueries(connection());
        if (name || uuid) {
            print(queries.listNames(options, name, uuid));
        } else {
            print(queries.list(options, details), noFormat);
        }
    }
}
