package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.PoolNameCompleter;
import org.virtlayer.shell.internal.storage.VolumeOperations;

/** virsh's {@code vol-create-as}. */
@Command(scope = "virt", name = "vol-create-as", description = "Creates a volume of a given size in a pool")
@Service
public class VolCreateAsCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "pool", description = "Pool name or UUID", required = true)
    @Completion(PoolNameCompleter.class)
    String pool;

    @Argument(index = 1, name = "name", description = "Name of the new volume", required = true)
    String name;

    @Argument(index = 2, name = "capacity", description = "Capacity, in bytes unless a unit follows (10G)",
            required = true)
    String capacity;

    @Option(name = "--allocation", description = "Space to allocate now, in bytes unless a unit follows")
    String allocation;

    @Option(name = "--format", description = "File format: raw, qcow2, ...")
    @Completion(values = {"raw", "qcow2", "qed", "vmdk", "vdi", "vpc"}, value = StringsCompleter.class)
    String format;

    @Override
    protected void run() {
        print(new VolumeOperations(connection()).createAs(pool, name, capacity, allocation, format));
    }
}
