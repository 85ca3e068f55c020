package org.virtlayer.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Launching detached children and learning of their exits at once, on this machine's kernel. */
class ProcessLauncherTest {
    private static ProcessWatcher watcher;

    @BeforeAll
    static void start() {
        watcher = new ProcessWatcher("test-process-watcher");
    }

    @AfterAll
    static void stop() {
        watcher.close();
    }

    /** The child's environment, read once it has replaced itself with the program (a busy machine may be slow). */
    private static String environOnceExeced(int pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String env = "";
        while (env.isEmpty() && System.nanoTime() < deadline) {
            env = Files.readString(Path.of("/proc/" + pid + "/environ"));
            if (env.isEmpty()) {
                Thread.sleep(5);
            }
        }
        return env;
    }

    @Test
    void childRunsInItsOwnSessionWithOnlyTheDescriptorsHandedOver(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("s.sock");
        int listening = UnixSockets.listen(sock);
        Path log = dir.resolve("child.log");
        try (PidFd p = ProcessLauncher.launch(new ProcessLauncher.Spec(List.of("/bin/sleep", "30"))
                .env("PATH", "/bin").log(log).passFd(listening, 3))) {
            Syscalls.close(listening);
            ProcStat stat = ProcStat.of(p.pid()).orElseThrow();
            assertThat(stat.state()).isNotEqualTo('Z');
            // field 6 of /proc/PID/stat is the session: a new session's leader has its own PID
            String[] f = Files.readString(Path.of("/proc/" + p.pid() + "/stat")).split("\\) ")[1].split(" ");
            assertThat(Integer.parseInt(f[3])).as("session id").isEqualTo(p.pid());
            // while the dynamic loader runs, the child briefly holds a library open on the lowest free descriptor
            // (seen in CI as a "4"): look once the program itself is blocked in its sleep
            awaitSleeping(p.pid());
            assertThat(fds(p.pid())).containsExactlyInAnyOrder("0", "1", "2", "3");
            assertThat(Files.readSymbolicLink(Path.of("/proc/" + p.pid() + "/fd/3")).toString()).startsWith("socket:");
            assertThat(Files.readSymbolicLink(Path.of("/proc/" + p.pid() + "/fd/1"))).isEqualTo(log);
            assertThat(environOnceExeced(p.pid())).isEqualTo("PATH=/bin\0");

            CompletableFuture<ProcessExit> exit = new CompletableFuture<>();
            watcher.watch(p, exit::complete);
            assertThat(p.signal(Syscalls.SIGTERM)).isTrue();
            // how fast an exit is noticed is the QEMU benchmark's business; here: it is noticed, with its signal
            ProcessExit e = exit.get(5, TimeUnit.SECONDS);
            assertThat(e.signal()).hasValue(Syscalls.SIGTERM);
            assertThat(p.hasExited()).isTrue();
            assertThat(Syscalls.processExists(p.pid())).as("reaped").isFalse();
            assertThat(p.signal(Syscalls.SIGTERM)).isFalse();
        }
    }

    /** Waits until the process is blocked in nanosleep (35) or clock_nanosleep (230), per /proc/PID/syscall. */
    private static void awaitSleeping(int pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String call = "";
        while (System.nanoTime() < deadline) {
            call = Files.readString(Path.of("/proc/" + pid + "/syscall")).split(" ")[0].strip();
            if (call.equals("35") || call.equals("230")) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("child " + pid + " not asleep after 10 s; in syscall " + call);
    }

    private static List<String> fds(int pid) throws Exception {
        try (var s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return s.map(x -> x.getFileName().toString()).toList();
        }
    }

    @Test
    void exitCodeOfAChildAndAnExitThatHappenedBeforeWatching() throws Exception {
        try (PidFd p = ProcessLauncher.launch(new ProcessLauncher.Spec(List.of("/bin/sh", "-c", "exit 7")))) {
            CompletableFuture<ProcessExit> exit = new CompletableFuture<>();
            while (!p.hasExited()) {
                Thread.onSpinWait();
            }
            watcher.watch(p, exit::complete);
            assertThat(exit.get(5, TimeUnit.SECONDS).exitCode()).hasValue(7);
        }
    }

    @Test
    void watchesAProcessThatIsNotItsChild(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("pid");
        // the shell starts a sleeper and exits: the sleeper is reparented away from this JVM
        try (PidFd sh = ProcessLauncher.launch(new ProcessLauncher.Spec(List.of("/bin/sh", "-c",
                "/bin/sleep 30 & echo $! > " + pidFile)))) {
            CompletableFuture<ProcessExit> shExit = new CompletableFuture<>();
            watcher.watch(sh, shExit::complete);
            assertThat(shExit.get(5, TimeUnit.SECONDS).exitCode()).hasValue(0);
        }
        int pid = Integer.parseInt(Files.readString(pidFile).strip());
        try (PidFd p = PidFd.open(pid)) {
            CompletableFuture<ProcessExit> exit = new CompletableFuture<>();
            ProcessWatcher.Watch w = watcher.watch(p, exit::complete);
            assertThat(exit).isNotDone();
            p.signal(Syscalls.SIGKILL);
            ProcessExit e = exit.get(5, TimeUnit.SECONDS);
            assertThat(e.pid()).isEqualTo(pid);
            assertThat(e.waitStatus()).as("not our child: its parent reaps it").isEmpty();
            w.cancel();
        }
    }

    @Test
    void cancelledWatchesStaySilentAndErrorsNameTheCall() throws Exception {
        try (PidFd p = ProcessLauncher.launch(new ProcessLauncher.Spec(List.of("/bin/sleep", "30")))) {
            CompletableFuture<ProcessExit> exit = new CompletableFuture<>();
            watcher.watch(p, exit::complete).cancel();
            p.signal(Syscalls.SIGKILL);
            while (!p.hasExited()) {
                Thread.sleep(1);
            }
            Thread.sleep(50);
            assertThat(exit).isNotDone();
            assertThat(p.reap()).isPresent();
        }
        assertThatThrownBy(() -> ProcessLauncher.launch(new ProcessLauncher.Spec(List.of("/nonexistent/qemu"))))
                .isInstanceOfSatisfying(LinuxException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Syscalls.ENOENT);
                    assertThat(e.getMessage()).contains("posix_spawn(/nonexistent/qemu)").contains("No such file");
                });
        assertThatThrownBy(() -> PidFd.open(Integer.MAX_VALUE - 1)).isInstanceOfSatisfying(LinuxException.class,
                e -> assertThat(e.errno()).isEqualTo(Syscalls.ESRCH));
    }

    @Test
    void procStatSurvivesOddCommandNames() {
        ProcStat s = ProcStat.parse(42, "42 (a) b (c)) S 1 42 42 0 -1 4194560 100 0 0 0 7 3 0 0 20 0 1 0 12345 1000 "
                + "10 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0");
        assertThat(s.state()).isEqualTo('S');
        assertThat(s.userTicks()).isEqualTo(7);
        assertThat(s.systemTicks()).isEqualTo(3);
        assertThat(s.startTicks()).isEqualTo(12345);
        assertThat(s.cpuNanos()).isEqualTo(100_000_000L);
        assertThat(ProcStat.of(ProcessHandle.current().pid() > 0 ? (int) ProcessHandle.current().pid() : 1))
                .isPresent();
    }
}
