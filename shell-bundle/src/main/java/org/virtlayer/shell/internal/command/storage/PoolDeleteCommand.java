package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.PoolNameCompleter;
import org.virtlayer.shell.internal.storage.PoolLifecycle;

/** virsh's {@code pool-delete}. */
@Command(scope = "virt", name = "pool-delete", description = "Deletes an inactive pool's storage (the inverse of"
        + " virt:pool-build); the definition stays")
@Service
public class PoolDeleteCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "pool", description = "Pool name or UUID", required = true)
    @Completion(PoolNameCompleter.class)
    String pool;

    @Option(name = "--zeroed", description = "Overwrite the pool's data with zeros first")
    boolean zeroed;

    @Override
    protected void run() {
        print(new PoolLifecycle(connection()).delete(pool, zeroed));
    }
}
