package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.completer.VolumeCompleter;
import org.virtlayer.shell.internal.storage.VolumeOperations;

/** virsh's {@code vol-resize}. */
@Command(scope = "virt", name = "vol-resize", description = "Changes a volume's capacity")
@Service
public class VolResizeCommand extends VolumeCommandSupport {
    @Argument(index = 0, name = "vol", description = "Volume name (with --pool), key or path", required = true)
    @Completion(VolumeCompleter.class)
    String vol;

    @Argument(index = 1, name = "capacity", description = "New capacity, in bytes unless a unit follows (10G);"
            + " with a leading '-' and --shrink, how much smaller", required = true)
    String capacity;

    @Option(name = "--allocate", description = "Allocate the new space, not only raise the capacity")
    boolean allocate;

    @Option(name = "--delta", description = "Change the capacity by this much")
    boolean delta;

    @Option(name = "--shrink", description = "Allow the volume to get smaller")
    boolean shrink;

    @Override
    protected void run() {
        print(new VolumeOperations(connection()).resize(vol, capacity, pool, allocate, delta, shrink));
    }
}
