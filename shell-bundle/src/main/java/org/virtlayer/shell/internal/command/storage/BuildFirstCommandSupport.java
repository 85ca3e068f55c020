package org.virtlayer.shell.internal.command.storage;

import java.util.Set;
import org.apache.karaf.shell.api.action.Option;
import org.virtlayer.api.StoragePoolBuildFlag;
import org.virtlayer.shell.internal.storage.PoolLifecycle;

/**
 * Commands that start a pool and may build it first: virsh's {@code --build}; {@code --overwrite} and
 * {@code --no-overwrite} build too, as they do in virsh.
 */
public abstract class BuildFirstCommandSupport extends BuildCommandSupport {
    @Option(name = "--build", description = "Build the pool's storage first")
    boolean build;

    /** The flags to build with, or none when the pool is not to be built. */
    protected Set<StoragePoolBuildFlag> buildFirstFlags() {
        return PoolLifecycle.buildFirstFlags(build, overwrite, noOverwrite);
    }
}
