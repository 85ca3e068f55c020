package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.completer.VolumeCompleter;
import org.virtlayer.shell.internal.storage.VolumeQueries;

/** virsh's {@code vol-dumpxml}. */
@Command(scope = "virt", name = "vol-dumpxml", description = "Prints a volume's XML definition")
@Service
public class VolDumpXmlCommand extends VolumeCommandSupport {
    @Argument(index = 0, name = "vol", description = "Volume name (with --pool), key or path", required = true)
    @Completion(VolumeCompleter.class)
    String vol;

    @Override
    protected void run() {
        print(new VolumeQueries(connection()).dumpxml(vol, pool));
    }
}
