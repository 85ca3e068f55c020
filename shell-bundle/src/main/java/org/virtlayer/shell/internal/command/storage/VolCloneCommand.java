package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.completer.VolumeCompleter;
import org.virtlayer.shell.internal.storage.VolumeOperations;

/** virsh's {@code vol-clone}. */
@Command(scope = "virt", name = "vol-clone", description = "Copies a volume into a new one in the same pool")
@Service
public class VolCloneCommand extends VolumeCommandSupport {
    @Argument(index = 0, name = "vol", description = "Volume name (with --pool), key or path", required = true)
    @Completion(VolumeCompleter.class)
    String vol;

    @Argument(index = 1, name = "newname", description = "Name of the copy", required = true)
    String newName;

    @Override
    protected void run() {
        print(new VolumeOperations(connection()).clone(vol, newName, pool));
    }
}
