package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.storage.PoolLifecycle;

/** virsh's {@code pool-create-as}; {@code --build} (or an overwrite option) builds the pool before it starts. */
@Command(scope = "virt", name = "pool-create-as", description = "Creates and starts a transient pool described by"
        + " options")
@Service
public class PoolCreateAsCommand extends PoolAsCommandSupport {
    @Option(name = "--build", description = "Build the pool's storage first")
    boolean build;

    @Option(name = "--overwrite", description = "Build over whatever is there")
    boolean overwrite;

    @Option(name = "--no-overwrite", description = "Build, refusing to build over existing data")
    boolean noOverwrite;

    @Override
    protected void run() {
        if (printXml) {
            print(pool().xml());
            return;
        }
        print(new PoolLifecycle(connection()).createAs(pool(),
                PoolLifecycle.buildFirstFlags(build, overwrite, noOverwrite)));
    }
}
