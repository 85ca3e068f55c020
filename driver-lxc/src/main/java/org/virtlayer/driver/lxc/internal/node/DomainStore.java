package org.virtlayer.driver.lxc.internal.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.spi.StateStore;

/**
 * The one place a node's files are named and written, through the core's {@link StateStore} (atomic writes), as the
 * QEMU driver keeps its own: persistent definitions {@code domains/UUID.xml}, autostart marks {@code autostart/UUID},
 * logs {@code log/NAME.log} (start and stop lines, the supervisor's messages, the console's output), per-container
 * runtime folders {@code run/UUIDHEX/} (mount tables, the staging root, {@code status.xml}) and the {@code /dev}
 * skeleton every container copies.
 */
final class DomainStore {
    private final StateStore store;

    DomainStore(StateStore store) {
        this.store = store;
    }

    // ---- definitions

    List<String> definitions() {
        List<String> out = new ArrayList<>();
        for (String f : store.list("domains", ".xml")) {
            store.read("domains/" + f).ifPresent(out::add);
        }
        return out;
    }

    void saveDefinition(UUID uuid, String xml) {
        store.write("domains/" + uuid + ".xml", xml);
    }

    void deleteDefinition(UUID uuid) {
        store.delete("domains/" + uuid + ".xml");
        store.delete("autostart/" + uuid);
    }

    boolean autostart(UUID uuid) {
        return store.read("autostart/" + uuid).isPresent();
    }

    void setAutostart(UUID uuid, String name, boolean on) {
        if (on) {
            store.write("autostart/" + uuid, name + "\n");
        } else {
            store.delete("autostart/" + uuid);
        }
    }

    // ---- runtime

    static String hex(UUID uuid) {
        return uuid.toString().replace("-", "");
    }

    /** The container's run folder, created empty (left-overs of an earlier run removed). */
    Path freshRunDir(UUID uuid) {
        store.deleteRuntime("run/" + hex(uuid));
        Path p = runDir(uuid);
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot create " + p + ": " + e.getMessage());
        }
        return p;
    }

    Path runDir(UUID uuid) {
        return store.runtimeDirectory().resolve("run").resolve(hex(uuid));
    }

    void writeStatus(UUID uuid, String xml) {
        store.writeRuntime("run/" + hex(uuid) + "/status.xml", xml);
    }

    Optional<String> readStatus(String runDirName) {
        return store.readRuntime("run/" + runDirName + "/status.xml");
    }

    List<String> runDirs() {
        return store.listRuntime("run", "");
    }

    void clearRuntime(UUID uuid) {
        store.deleteRuntime("run/" + hex(uuid));
    }

    void clearRuntime(String runDirName) {
        store.deleteRuntime("run/" + runDirName);
    }

    /** The {@code /dev} skeleton, shared by every container of the node. */
    Path skeleton() {
        return store.runtimeDirectory().resolve("dev-skeleton");
    }

    /** The domain's log, appended across runs as libvirt keeps {@code /var/log/libvirt/lxc/NAME.log}. */
    Path logFile(String name) {
        Path dir = store.directory().resolve("log");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot create " + dir + ": " + e.getMessage());
        }
        return dir.resolve(name + ".log");
    }
}
