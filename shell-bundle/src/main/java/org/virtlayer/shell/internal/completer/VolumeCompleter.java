package org.virtlayer.shell.internal.completer;

import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.virtlayer.api.Connection;
import org.virtlayer.api.StoragePool;
import org.virtlayer.api.StorageVolume;
import org.virtlayer.shell.internal.VirtConsole;

/**
 * Completes volumes: their names in the pool {@code --pool} names, or without it their paths in every active pool,
 * since a path finds a volume without its pool.
 */
@Service
public class VolumeCompleter extends NamesCompleter {
    @Reference
    VirtConsole console;

    @Override
    protected List<String> names(Session session, CommandLine commandLine) {
        Connection c = CommandLineOptions.connection(console, session, commandLine);
        String pool = CommandLineOptions.value(commandLine, "--pool");
        if (pool != null) {
            return c.lookupStoragePoolByName(pool).listVolumes().stream().map(StorageVolume::name).sorted().toList();
        }
        List<String> paths = new ArrayList<>();
        for (StoragePool p : c.listStoragePools(org.virtlayer.api.StoragePoolListFlag.ACTIVE)) {
            p.listVolumes().forEach(v -> paths.add(v.path()));
        }
        paths.sort(null);
        return paths;
    }
}
