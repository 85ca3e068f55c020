package org.virtlayer.spi.kit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.osgi.annotation.versioning.ConsumerType;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.spi.StateStore;

/**
 * Where a driver's node keeps its domains, through the core's {@link StateStore} (atomic writes), laid out as every
 * driver lays it out: persistent definitions {@code domains/UUID.xml}, autostart marks {@code autostart/UUID}, logs
 * {@code log/NAME.log} (appended across runs, as libvirt keeps {@code /var/log/libvirt/DRIVER/NAME.log}) and one
 * runtime folder per running domain, {@code run/UUIDHEX/}. A driver extends it with what its runtime folders hold.
 */
@ConsumerType
public class DomainFiles {
    protected final StateStore store;

    public DomainFiles(StateStore store) {
        this.store = store;
    }

    // ---- definitions

    /** Every stored persistent definition's XML. */
    public List<String> definitions() {
        List<String> out = new ArrayList<>();
        for (String f : store.list("domains", ".xml")) {
            store.read("domains/" + f).ifPresent(out::add);
        }
        return out;
    }

    public void saveDefinition(UUID uuid, String xml) {
        store.write("domains/" + uuid + ".xml", xml);
    }

    /** Removes the definition and its autostart mark. */
    public void deleteDefinition(UUID uuid) {
        store.delete("domains/" + uuid + ".xml");
        store.delete("autostart/" + uuid);
    }

    public boolean autostart(UUID uuid) {
        return store.read("autostart/" + uuid).isPresent();
    }

    public void setAutostart(UUID uuid, String name, boolean on) {
        if (on) {
            store.write("autostart/" + uuid, name + "\n");
        } else {
            store.delete("autostart/" + uuid);
        }
    }

    // ---- runtime

    /** A runtime folder's name: the UUID without dashes, short enough for socket paths inside it. */
    public static String hex(UUID uuid) {
        return uuid.toString().replace("-", "");
    }

    /** The domain's runtime folder, created empty (left-overs of an earlier run removed). */
    public Path freshRunDir(UUID uuid) {
        store.deleteRuntime("run/" + hex(uuid));
        Path p = runDir(uuid);
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot create " + p + ": " + e.getMessage());
        }
        return p;
    }

    public Path runDir(UUID uuid) {
        return store.runtimeDirectory().resolve("run").resolve(hex(uuid));
    }

    /** Names of the runtime folders present: one per domain that was running. */
    public List<String> runDirs() {
        return store.listRuntime("run", "");
    }

    public void clearRuntime(UUID uuid) {
        store.deleteRuntime("run/" + hex(uuid));
    }

    public void clearRuntime(String runDirName) {
        store.deleteRuntime("run/" + runDirName);
    }

    /** The domain's log file, its folder created if need be. */
    public Path logFile(String name) {
        Path dir = store.directory().resolve("log");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot create " + dir + ": " + e.getMessage());
        }
        return dir.resolve(name + ".log");
    }
}
