package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.PoolNameCompleter;
import org.virtlayer.shell.internal.storage.PoolLifecycle;

/** virsh's {@code pool-autostart}. */
@Command(scope = "virt", name = "pool-autostart", description = "Marks a pool to start when the node starts")
@Service
public class PoolAutostartCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "pool", description = "Pool name or UUID", required = true)
    @Completion(PoolNameCompleter.class)
    String pool;

    @Option(name = "--disable", description = "Unmark it instead")
    boolean disable;

    @Override
    protected void run() {
        print(new PoolLifecycle(connection()).autostart(pool, !disable));
    }
}
