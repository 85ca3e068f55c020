package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.PoolNameCompleter;
import org.virtlayer.shell.internal.storage.PoolIdentifiers;

/** virsh's {@code pool-uuid}. */
@Command(scope = "virt", name = "pool-uuid", description = "Prints a pool's UUID")
@Service
public class PoolUuidCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "pool", description = "Pool name", required = true)
    @Completion(PoolNameCompleter.class)
    String pool;

    @Override
    protected void run() {
        print(new PoolIdentifiers(connection()).uuid(pool));
    }
}
