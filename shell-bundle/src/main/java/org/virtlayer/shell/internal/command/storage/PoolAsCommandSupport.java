package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.storage.PoolArguments;

/** What {@code pool-define-as} and {@code pool-create-as} share: a pool described by options, not a file. */
public abstract class PoolAsCommandSupport extends VirtCommandSupport {
    @Argument(index = 0, name = "name", description = "Name of the pool", required = true)
    String name;

    @Argument(index = 1, name = "type", description = "Type of the pool: dir, fs, netfs, logical, ...",
            required = true)
    @Completion(values = {"dir", "fs", "netfs", "logical", "disk", "iscsi", "scsi", "mpath", "rbd", "gluster", "zfs"},
            value = StringsCompleter.class)
    String type;

    @Option(name = "--target", description = "Target of the storage: the folder of a dir pool")
    String target;

    @Option(name = "--source-host", description = "Host of the underlying storage")
    String sourceHost;

    @Option(name = "--source-path", description = "Path of the underlying storage")
    String sourcePath;

    @Option(name = "--source-dev", description = "Device of the underlying storage")
    String sourceDev;

    @Option(name = "--source-name", description = "Name of the underlying storage")
    String sourceName;

    @Option(name = "--source-format", description = "Format of the underlying storage")
    String sourceFormat;

    @Option(name = "--print-xml", description = "Print the XML definition instead of acting on it")
    boolean printXml;

    protected PoolArguments pool() {
        return new PoolArguments(name, type, sourceHost, sourcePath, sourceDev, sourceName, sourceFormat, target);
    }
}
