package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.PoolNameCompleter;
import org.virtlayer.shell.internal.storage.PoolQueries;

/** virsh's {@code pool-dumpxml}. */
@Command(scope = "virt", name = "pool-dumpxml", description = "Prints a pool's XML definition")
@Service
public class PoolDumpXmlCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "pool", description = "Pool name or UUID", required = true)
    @Completion(PoolNameCompleter.class)
    String pool;

    @Option(name = "--inactive", description = "The persistent definition, not the live one")
    boolean inactive;

    @Override
    protected void run() {
        print(new PoolQueries(connection()).dumpxml(pool, inactive));
    }
}
