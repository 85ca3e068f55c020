package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.virtlayer.shell.internal.completer.VolumeCompleter;
import org.virtlayer.shell.internal.format.NumericOption;
import org.virtlayer.shell.internal.storage.VolumeTransfers;

/** virsh's {@code vol-upload}: the file streams into the volume, it is never read into memory whole. */
@Command(scope = "virt", name = "vol-upload", description = "Writes a file's content into a volume")
@Service
public class VolUploadCommand extends VolumeCommandSupport {
    @Argument(index = 0, name = "vol", description = "Volume name (with --pool), key or path", required = true)
    @Completion(VolumeCompleter.class)
    String vol;

    @Argument(index = 1, name = "file", description = "File to read, on the machine the console runs on",
            required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--offset", description = "Where in the volume to start writing, in bytes")
    String offset;

    @Option(name = "--length", description = "How many bytes to write (default: the whole file)")
    String length;

    @Override
    protected void run() {
        print(new VolumeTransfers(connection()).upload(vol, pool, path(file),
                NumericOption.nonNegative(offset, "offset"), NumericOption.nonNegative(length, "length")));
    }
}
