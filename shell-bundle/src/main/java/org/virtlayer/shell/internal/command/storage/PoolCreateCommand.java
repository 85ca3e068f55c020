package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.virtlayer.shell.internal.storage.PoolLifecycle;

/** virsh's {@code pool-create}; {@code --build} (or an overwrite option) builds the pool before it starts. */
@Command(scope = "virt", name = "pool-create", description = "Creates and starts a transient pool from an XML file")
@Service
public class PoolCreateCommand extends BuildFirstCommandSupport {
    @Argument(index = 0, name = "file", description = "File with the pool's XML definition", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Override
    protected void run() {
        print(new PoolLifecycle(connection()).create(files(), file, buildFirstFlags()));
    }
}
