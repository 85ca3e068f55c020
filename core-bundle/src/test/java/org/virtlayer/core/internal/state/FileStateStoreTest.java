package org.virtlayer.core.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.spi.StateStore;

class FileStateStoreTest {
    @TempDir
    Path tmp;

    @Test
    void writesReadsListsAndDeletesInsideItsRoom() {
        StateStore s = new FileStateStores(tmp.resolve("state"), tmp.resolve("run")).open("qemu/system");
        s.write("domains/a.xml", "<domain>a</domain>");
        s.write("domains/b.xml", "<domain>b</domain>");
        s.write("domains/b.xml", "<domain>b2</domain>");
        s.writeRuntime("a/pid", "42");
        assertThat(s.read("domains/b.xml")).contains("<domain>b2</domain>");
        assertThat(s.read("domains/missing.xml")).isEmpty();
        assertThat(s.list("domains", ".xml")).containsExactly("a.xml", "b.xml");
        assertThat(s.readRuntime("a/pid")).contains("42");
        assertThat(tmp.resolve("state/qemu/system/domains/a.xml")).exists();
        assertThat(tmp.resolve("run/qemu/system/a/pid")).exists();
        s.delete("domains/a.xml");
        s.deleteRuntime("a");
        assertThat(s.list("domains", ".xml")).containsExactly("b.xml");
        assertThat(tmp.resolve("run/qemu/system/a")).doesNotExist();
        // no temporary file is ever left behind
        assertThat(tmp.resolve("state/qemu/system/domains").toFile().list()).containsExactly("b.xml");
    }

    @Test
    void namesThatLeaveTheRoomAreRefused() {
        StateStore s = new FileStateStores(tmp.resolve("state"), tmp.resolve("run")).open("lxc");
        for (String bad : List.of("../escape", "/etc/passwd", "a/../../b", "x\0y", "")) {
            assertThatThrownBy(() -> s.write(bad, "x")).as(bad).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
        }
        assertThatThrownBy(() -> new FileStateStores(tmp, tmp).open("../up")).isInstanceOf(VirtException.class);
        assertThat(tmp.getParent().resolve("escape")).doesNotExist();
    }

    @Test
    void readersNeverSeeAHalfWrittenFile() throws Exception {
        Path target = tmp.resolve("def.xml");
        String small = "<domain>" + "a".repeat(10) + "</domain>";
        String large = "<domain>" + "b".repeat(1 << 20) + "</domain>";
        AtomicBoolean stop = new AtomicBoolean();
        List<String> torn = new ArrayList<>();
        AtomicFiles.write(target, small);
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                try {
                    String c = Files.readString(target);
                    if (!c.equals(small) && !c.equals(large)) {
                        synchronized (torn) {
                            torn.add(c.length() + " chars");
                        }
                    }
                } catch (java.io.IOException e) {
                    synchronized (torn) {
                        torn.add(e.toString());
                    }
                }
            }
        });
        reader.start();
        for (int i = 0; i < 30; i++) {
            AtomicFiles.write(target, i % 2 == 0 ? large : small);
        }
        stop.set(true);
        reader.join(10_000);
        assertThat(torn).isEmpty();
    }
}
