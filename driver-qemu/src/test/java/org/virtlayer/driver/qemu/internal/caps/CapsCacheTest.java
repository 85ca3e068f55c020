package org.virtlayer.driver.qemu.internal.caps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.core.internal.state.FileStateStores;
import org.virtlayer.driver.qemu.internal.qmp.MonitorLoop;
import org.virtlayer.linux.ProcessWatcher;
import org.virtlayer.spi.StateStore;

/** The real QEMU's capabilities, read once per binary and modification time, kept on disk across restarts. */
class CapsCacheTest {
    @Test
    void probedOnceThenFromMemoryAndDiskUntilTheBinaryChanges(@TempDir Path tmp) throws Exception {
        Path binary = tmp.resolve("qemu-system-x86_64");
        Files.copy(Emulators.find("x86_64"), binary);
        StateStore store = new FileStateStores(tmp.resolve("state"), tmp.resolve("run")).open("qemu/caps");
        try (MonitorLoop loop = new MonitorLoop("test-qmp"); ProcessWatcher watcher = new ProcessWatcher("test-exits")) {
            QemuCaps caps = new CapsCache(store, loop, watcher).get(binary);
            assertThat(caps.version()).isGreaterThanOrEqualTo(6_002_000L);
            assertThat(caps.machine("pc").name()).startsWith("pc-i440fx-");
            assertThat(caps.machine("q35").name()).startsWith("pc-q35-");
            assertThat(caps.machine(null).alias()).isEqualTo("pc");
            assertThat(caps.cpuModels()).contains("qemu64", "max");
            assertThat(caps.sandbox()).isTrue();
            assertThat(caps.arch()).isEqualTo("x86_64");
            assertThat(caps.hasDevice("virtio-blk-pci")).isTrue();
            assertThat(store.list("caps", ".json")).hasSize(1);

            // a new cache (a driver restart) reads the file: the version below was written there, not probed
            String file = "caps/" + store.list("caps", ".json").get(0);
            String json = store.read(file).orElseThrow();
            store.write(file, json.replaceFirst("\"version\":\\d+", "\"version\":1"));
            assertThat(new CapsCache(store, loop, watcher).get(binary).version()).isEqualTo(1);

            // the binary changed: probed again
            Files.setLastModifiedTime(binary, FileTime.fromMillis(caps.mtimeMillis() + 60_000));
            assertThat(new CapsCache(store, loop, watcher).get(binary).version()).isEqualTo(caps.version());
        }
    }
}
