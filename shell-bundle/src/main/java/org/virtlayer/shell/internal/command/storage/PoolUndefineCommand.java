package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.PoolNameCompleter;
import org.virtlayer.shell.internal.storage.PoolLifecycle;

/** virsh's {@code pool-undefine}. */
@Command(scope = "virt", name = "pool-undefine", description = "Removes an inactive pool's persistent definition")
@Service
public class PoolUndefineCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "pool", description = "Pool name or UUID", required = true)
    @Completion(PoolNameCompleter.class)
    String pool;

    @Override
    protected void run() {
        print(new PoolLifecycle(connection()).undefine(pool));
    }
}
