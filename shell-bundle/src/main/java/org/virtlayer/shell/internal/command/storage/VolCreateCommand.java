package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.PoolNameCompleter;
import org.virtlayer.shell.internal.storage.VolumeOperations;

/** virsh's {@code vol-create}. */
@Command(scope = "virt", name = "vol-create", description = "Creates a volume in a pool from an XML file")
@Service
public class VolCreateCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "pool", description = "Pool name or UUID", required = true)
    @Completion(PoolNameCompleter.class)
    String pool;

    @Argument(index = 1, name = "file", description = "File with the volume's XML definition", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Override
    protected void run() {
        print(new VolumeOperations(connection()).create(pool, files(), file));
    }
}
