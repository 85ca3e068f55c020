package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.VolumeCompleter;
import org.virtlayer.shell.internal.storage.VolumeIdentifiers;

/** virsh's {@code vol-name}. */
@Command(scope = "virt", name = "vol-name", description = "Prints a volume's name")
@Service
public class VolNameCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "vol", description = "Volume key or path", required = true)
    @Completion(VolumeCompleter.class)
    String vol;

    @Override
    protected void run() {
        print(new VolumeIdentifiers(connection()).name(vol));
    }
}
