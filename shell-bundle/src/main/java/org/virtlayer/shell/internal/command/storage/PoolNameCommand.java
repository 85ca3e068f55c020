package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.PoolUuidCompleter;
import org.virtlayer.shell.internal.storage.PoolIdentifiers;

/** virsh's {@code pool-name}. */
@Command(scope = "virt", name = "pool-name", description = "Prints a pool's name")
@Service
public class PoolNameCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "pool", description = "Pool UUID", required = true)
    @Completion(PoolUuidCompleter.class)
    String pool;

    @Override
    protected void run() {
        print(new PoolIdentifiers(connection()).name(pool));
    }
}
