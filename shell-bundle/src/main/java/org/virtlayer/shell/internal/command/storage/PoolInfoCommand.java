package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.PoolNameCompleter;
import org.virtlayer.shell.internal.storage.PoolQueries;

/** virsh's {@code pool-info}. */
@Command(scope = "virt", name = "pool-info", description = "Shows a pool's state and sizes")
@Service
public class PoolInfoCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "pool", description = "Pool name or UUID", required = true)
    @Completion(PoolNameCompleter.class)
    String pool;

    @Option(name = "--bytes", description = "Sizes in bytes")
    boolean bytes;

    @Override
    protected void run() {
        print(new PoolQueries(connection()).info(pool, bytes));
    }
}
