package org.virtlayer.shell.internal.command.storage;

import java.util.Set;
import org.apache.karaf.shell.api.action.Option;
import org.virtlayer.api.StoragePoolBuildFlag;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.storage.PoolLifecycle;

/** Commands that may build a pool's storage: virsh's {@code --overwrite/--no-overwrite}. */
public abstract class BuildCommandSupport extends VirtCommandSupport {
    @Option(name = "--overwrite", description = "Build over whatever is there")
    boolean overwrite;

    @Option(name = "--no-overwrite", description = "Refuse to build over existing data")
    boolean noOverwrite;

    protected Set<StoragePoolBuildFlag> buildFlags() {
        return PoolLifecycle.buildFlags(overwrite, noOverwrite);
    }
}
