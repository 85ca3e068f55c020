package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.PoolNameCompleter;
import org.virtlayer.shell.internal.storage.VolumeQueries;

/** virsh's {@code vol-list}. */
@Command(scope = "virt", name = "vol-list", description = "Lists the volumes of a pool")
@Service
public class VolListCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "pool", description = "Pool name or UUID", required = true)
    @Completion(PoolNameCompleter.class)
    String pool;

    @Option(name = "--details", description = "Type and sizes too")
    boolean details;

    @Option(name = "--no-format", description = "Rows separated by tabs, without a header")
    boolean noFormat;

    @Override
    protected void run() {
        print(new VolumeQueries(connection()).list(pool, details), noFormat);
    }
}
