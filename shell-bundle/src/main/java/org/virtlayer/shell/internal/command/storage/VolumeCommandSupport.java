package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.PoolNameCompleter;

/** Commands on one volume, named by its name in {@code --pool}, or by its key or path. */
public abstract class VolumeCommandSupport extends VirtCommandSupport {
    @Option(name = "--pool", description = "The pool that holds the volume (name or UUID)")
    @Completion(PoolNameCompleter.class)
    String pool;
}
