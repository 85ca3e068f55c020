package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.VolumeCompleter;
import org.virtlayer.shell.internal.storage.VolumeIdentifiers;

/** virsh's {@code vol-pool}. */
@Command(scope = "virt", name = "vol-pool", description = "Prints the pool that holds a volume")
@Service
public class VolPoolCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "vol", description = "Volume key or path", required = true)
    @Completion(VolumeCompleter.class)
    String vol;

    @Option(name = "--uuid", description = "The pool's UUID rather than its name")
    boolean uuid;

    @Override
    protected void run() {
        print(new VolumeIdentifiers(connection()).pool(vol, uuid));
    }
}
