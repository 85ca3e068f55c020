package org.virtlayer.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pseudo-terminal a child writes to, and lines over a pipe with a child that may die before answering. */
class PtyAndPipeTest {
    @Test
    void whatAChildWritesOnTheSlaveIsReadOnTheMasterWithPlainNewlines() throws Exception {
        try (Pty pty = Pty.open()) {
            assertThat(pty.slavePath()).startsWith("/dev/pts/");
            assertThat(Files.exists(Path.of(pty.slavePath()))).isTrue();
            int slave = pty.openSlave();
            try (PidFd p = ProcessLauncher.launch(new ProcessLauncher.Spec(List.of("/bin/sh", "-c",
                    "echo hello >&3; echo world >&3")).passFd(slave, 3))) {
                Syscalls.close(slave);
                Memory buf = new Memory(64);
                StringBuilder got = new StringBuilder();
                while (!got.toString().contains("world\n")) {
                    long n = Syscalls.libc().read(pty.master(), buf, 64);
                    assertThat(n).as("read from the master").isPositive();
                    got.append(new String(buf.getByteArray(0, (int) n), StandardCharsets.UTF_8));
                }
                assertThat(got.toString()).isEqualTo("hello\nworld\n");
                assertThat(p.awaitExit(5000)).isTrue();
                p.reap();
            }
        }
    }

    @Test
    void linesBothWaysEndOfFileAndAChildThatDiesFirst() throws Exception {
        try (Pipe toChild = Pipe.open(); Pipe fromChild = Pipe.open()) {
            try (PidFd p = ProcessLauncher.launch(new ProcessLauncher.Spec(List.of("/bin/sh", "-c",
                    "echo first >&4; read x <&3; echo \"got $x\" >&4; echo last-line >&4; exit 3"))
                    .passFd(toChild.readEnd(), 3).passFd(fromChild.writeEnd(), 4))) {
                toChild.closeReadEnd();
                fromChild.closeWriteEnd();
                assertThat(fromChild.readLine(5000, p)).isEqualTo("first");
                toChild.write("go\n");
                assertThat(fromChild.readLine(5000, p)).isEqualTo("got go");
                assertThat(fromChild.readLine(5000, p)).isEqualTo("last-line");
                assertThat(fromChild.readLine(5000, p)).as("end of file").isNull();
                p.reap();
            }
        }
        try (Pipe silent = Pipe.open()) {
            // the child keeps a copy of the write end (its child too) but dies without writing
            try (PidFd p = ProcessLauncher.launch(new ProcessLauncher.Spec(List.of("/bin/sh", "-c",
                    "sleep 1 & exit 1")).passFd(silent.writeEnd(), 4))) {
                long t0 = System.nanoTime();
                assertThat(silent.readLine(5000, p)).isNull();
                assertThat((System.nanoTime() - t0) / 1_000_000).as("ms waited").isLessThan(2000);
                p.reap();
            }
            try (PidFd sleeper = ProcessLauncher.launch(new ProcessLauncher.Spec(List.of("/bin/sleep", "30")))) {
                assertThat(sleeper.awaitExit(50)).as("still running").isFalse();
                sleeper.signal(Syscalls.SIGKILL);
                assertThat(sleeper.awaitExit(5000)).isTrue();
                sleeper.reap();
            }
            assertThatThrownBy(() -> silent.readLine(50, null)).isInstanceOfSatisfying(LinuxException.class,
                    e -> assertThat(e.errno()).isEqualTo(Syscalls.ETIMEDOUT));
        }
    }
}
