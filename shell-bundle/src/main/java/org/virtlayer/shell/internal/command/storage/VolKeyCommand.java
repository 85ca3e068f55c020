package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.completer.VolumeCompleter;
import org.virtlayer.shell.internal.storage.VolumeIdentifiers;

/** virsh's {@code vol-key}. */
@Command(scope = "virt", name = "vol-key", description = "Prints a volume's key")
@Service
public class VolKeyCommand extends VolumeCommandSupport {
    @Argument(index = 0, name = "vol", description = "Volume name (with --pool) or path", required = true)
    @Completion(VolumeCompleter.class)
    String vol;

    @Override
    protected void run() {
        print(new VolumeIdentifiers(connection()).key(vol, pool));
    }
}
