package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.completer.VolumeCompleter;
import org.virtlayer.shell.internal.storage.VolumeQueries;

/** virsh's {@code vol-info}. */
@Command(scope = "virt", name = "vol-info", description = "Shows a volume's type and sizes")
@Service
public class VolInfoCommand extends VolumeCommandSupport {
    @Argument(index = 0, name = "vol", description = "Volume name (with --pool), key or path", required = true)
    @Completion(VolumeCompleter.class)
    String vol;

    @Option(name = "--bytes", description = "Sizes in bytes")
    boolean bytes;

    @Override
    protected void run() {
        print(new VolumeQueries(connection()).info(vol, pool, bytes));
    }
}
