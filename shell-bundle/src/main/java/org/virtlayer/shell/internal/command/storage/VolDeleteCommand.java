package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.completer.VolumeCompleter;
import org.virtlayer.shell.internal.storage.VolumeOperations;

/** virsh's {@code vol-delete}. */
@Command(scope = "virt", name = "vol-delete", description = "Deletes a volume and its content")
@Service
public class VolDeleteCommand extends VolumeCommandSupport {
    @Argument(index = 0, name = "vol", description = "Volume name (with --pool), key or path", required = true)
    @Completion(VolumeCompleter.class)
    String vol;

    @Override
    protected void run() {
        print(new VolumeOperations(connection()).delete(vol, pool));
    }
}
