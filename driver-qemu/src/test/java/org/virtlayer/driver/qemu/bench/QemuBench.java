package org.virtlayer.driver.qemu.bench;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainListFlag;
import org.virtlayer.api.DomainStartFlag;
import org.virtlayer.driver.qemu.QemuFixture;
import org.virtlayer.driver.qemu.TestGuest;
import org.virtlayer.driver.qemu.internal.qmp.MonitorLoop;
import org.virtlayer.driver.qemu.internal.qmp.QmpEvent;
import org.virtlayer.driver.qemu.internal.qmp.QmpMonitor;
import org.virtlayer.linux.PidFd;
import org.virtlayer.linux.ProcessExit;
import org.virtlayer.linux.ProcessLauncher;
import org.virtlayer.linux.ProcessWatcher;
import org.virtlayer.linux.Syscalls;

/**
 * The benchmark (a command, not a test): virtlayer's QEMU driver, libvirt 9.0's (a private libvirtd started by
 * {@code shared/peer/start-libvirtd.sh}) and bare {@code qemu-system-x86_64} with the very command line virtlayer
 * builds, side by side in one run, the same guest and settings. Prints one line per figure:
 * {@code op=NAME virtlayer_ms=X libvirt_ms=Y bare_ms=Z} (medians), then the heap each running domain costs.
 * Run: {@code mvn -B -pl driver-qemu -am -Pbench -DskipTests verify} (see docs/qemu.md).
 */
public final class QemuBench {
    private static final Libvirt LV = Libvirt.INSTANCE;
    private static final long TIMEOUT_MS = 120_000;

    private final Path root;
    private final int rounds;
    private final int parallel;
    private final MonitorLoop loop = new MonitorLoop("bench-qmp");
    private final ProcessWatcher watcher = new ProcessWatcher("bench-exits");

    private QemuBench(Path root, int rounds, int parallel) {
        this.root = root;
        this.rounds = rounds;
        this.parallel = parallel;
    }

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory(Path.of("/tmp"), "vlb-");
        QemuBench b = new QemuBench(root, Integer.getInteger("bench.rounds", 5),
                Integer.getInteger("bench.parallel", 50));
        try {
            b.run();
        } finally {
            b.loop.close();
            b.watcher.close();
            if (!Boolean.getBoolean("bench.keep")) {
                try (var files = Files.walk(root)) {
                    for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    private void run() throws Exception {
        machine();
        Path peerDir = root.resolve("libvirt");
        String script = System.getProperty("virtlayer.peer.script", "../../shared/peer/start-libvirtd.sh");
        exec("bash", script, peerDir.toString());
        Pointer lv = LV.virConnectOpen("qemu:///system?socket=" + peerDir.resolve("run/libvirt/libvirt-sock"));
        if (lv == null) {
            throw new IllegalStateException("cannot connect to the libvirt peer: " + LV.virGetLastErrorMessage());
        }
        QemuFixture vl = new QemuFixture(root.resolve("vl"));
        Connection c = vl.factory.open("qemu:///system");
        try {
            List<String> template = warmUp(c, vl, lv);
            Timing[][] t = new Timing[6][3];
            for (Timing[] row : t) {
                for (int i = 0; i < 3; i++) {
                    row[i] = new Timing();
                }
            }
            for (int r = 0; r < rounds; r++) {
                roundVirtlayer(c, r, t);
                roundLibvirt(lv, r, t);
                roundBare(template, r, t);
            }
            String[] names = {"start", "start_to_guest_ready", "shutdown_to_inactive", "destroy", "list", "stats"};
            for (int i = 0; i < names.length; i++) {
                System.out.println("op=" + names[i] + " virtlayer_ms=" + t[i][0].median() + " libvirt_ms="
                        + t[i][1].median() + " bare_ms=" + t[i][2].median());
            }
            parallelPaused(c, lv, template);
        } finally {
            for (Domain d : c.listDomains(DomainListFlag.ACTIVE)) {
                d.destroy();
            }
            c.close();
            vl.close();
            LV.virConnectClose(lv);
            stopPeer(peerDir);
        }
    }

    private static void machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        System.out.println("machine: " + cpu + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip() + ", Java "
                + System.getProperty("java.version"));
    }

    // ---- one system at a time: boot, list and stats while it runs, shutdown, start again, destroy

    private String xml(String name, String type) {
        return TestGuest.domainXml(name, root.resolve(name + ".log"), type, "");
    }

    private void roundVirtlayer(Connection c, int r, Timing[][] t) throws Exception {
        String name = "vl-" + r;
        Path log = root.resolve(name + ".log");
        Domain d = c.defineDomain(xml(name, "qemu"));
        long t0 = System.nanoTime();
        d.start();
        t[0][0].add(System.nanoTime() - t0);
        t[1][0].addMs(TestGuest.awaitLog(log, "GUEST-READY", 1, t0, TIMEOUT_MS));
        long l0 = System.nanoTime();
        c.listDomains();
        t[4][0].add(System.nanoTime() - l0);
        long s0 = System.nanoTime();
        c.domainStats(null);
        t[5][0].add(System.nanoTime() - s0);
        d.shutdown();
        long off = powerOff(log);
        while (d.isActive()) {
            Thread.sleep(0, 500_000);
        }
        t[2][0].add(System.nanoTime() - off);
        d.start();
        long d0 = System.nanoTime();
        d.destroy();
        t[3][0].add(System.nanoTime() - d0);
        d.undefine();
    }

    private void roundLibvirt(Pointer lv, int r, Timing[][] t) throws Exception {
        String name = "lv-" + r;
        Path log = root.resolve(name + ".log");
        Pointer d = LV.virDomainDefineXML(lv, xml(name, "qemu"));
        check(d != null, "define");
        long t0 = System.nanoTime();
        check(LV.virDomainCreate(d) == 0, "start");
        t[0][1].add(System.nanoTime() - t0);
        t[1][1].addMs(TestGuest.awaitLog(log, "GUEST-READY", 1, t0, TIMEOUT_MS));
        long l0 = System.nanoTime();
        PointerByReference list = new PointerByReference();
        int n = LV.virConnectListAllDomains(lv, list, 0);
        t[4][1].add(System.nanoTime() - l0);
        freeDomains(list.getValue(), n);
        long s0 = System.nanoTime();
        PointerByReference stats = new PointerByReference();
        check(LV.virConnectGetAllDomainStats(lv, 0, stats, 0) >= 0, "stats");
        t[5][1].add(System.nanoTime() - s0);
        LV.virDomainStatsRecordListFree(stats.getValue());
        check(LV.virDomainShutdown(d) == 0, "shutdown");
        long off = powerOff(log);
        while (LV.virDomainIsActive(d) == 1) {
            Thread.sleep(0, 500_000);
        }
        t[2][1].add(System.nanoTime() - off);
        check(LV.virDomainCreate(d) == 0, "start");
        long d0 = System.nanoTime();
        check(LV.virDomainDestroy(d) == 0, "destroy");
        t[3][1].add(System.nanoTime() - d0);
        LV.virDomainUndefine(d);
        LV.virDomainFree(d);
    }

    private void roundBare(List<String> template, int r, Timing[][] t) throws Exception {
        String name = "bare-" + r;
        Path log = root.resolve(name + ".log");
        long t0 = System.nanoTime();
        Bare q = Bare.start(bareArgs(template, name, log, false), root.resolve(name + ".sock"), loop, watcher);
        q.monitor.call("cont", null, TIMEOUT_MS);
        t[0][2].add(System.nanoTime() - t0);
        t[1][2].addMs(TestGuest.awaitLog(log, "GUEST-READY", 1, t0, TIMEOUT_MS));
        q.monitor.call("system_powerdown", null, TIMEOUT_MS);
        long off = powerOff(log);
        q.exit.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        t[2][2].add(System.nanoTime() - off);
        q.close();
        Bare again = Bare.start(bareArgs(template, name, log, false), root.resolve(name + ".sock"), loop, watcher);
        again.monitor.call("cont", null, TIMEOUT_MS);
        long d0 = System.nanoTime();
        again.pidfd.signal(Syscalls.SIGTERM);
        again.exit.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        t[3][2].add(System.nanoTime() - d0);
        again.close();
    }

    /** When the guest printed GUEST-POWEROFF (its last word before powering off), watched every half millisecond. */
    private static long powerOff(Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            if (Files.readString(log, StandardCharsets.ISO_8859_1).contains("GUEST-POWEROFF")) {
                return System.nanoTime();
            }
            Thread.sleep(0, 500_000);
        }
        throw new IllegalStateException("no GUEST-POWEROFF in " + log);
    }

    // ---- many paused KVM domains at once, and what each costs the daemon

    private void parallelPaused(Connection c, Pointer lv, List<String> template) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            long heapBefore = heapAfterGc();
            long t0 = System.nanoTime();
            all(pool, i -> {
                c.createDomain(xml("vlp-" + i, "kvm"), DomainStartFlag.PAUSED);
                return null;
            });
            double vl = (System.nanoTime() - t0) / 1e6;
            long heapAfter = heapAfterGc();
            all(pool, i -> {
                c.lookupDomainByName("vlp-" + i).destroy();
                return null;
            });

            long rssBefore = libvirtdRss();
            long l0 = System.nanoTime();
            List<Pointer> lvDomains = all(pool, i -> {
                Pointer d = LV.virDomainCreateXML(lv, xml("lvp-" + i, "kvm"), Libvirt.VIR_DOMAIN_START_PAUSED);
                check(d != null, "create");
                return d;
            });
            double lvMs = (System.nanoTime() - l0) / 1e6;
            long rssAfter = libvirtdRss();
            for (Pointer d : lvDomains) {
                LV.virDomainDestroy(d);
                LV.virDomainFree(d);
            }

            long b0 = System.nanoTime();
            List<Bare> bare = all(pool, i -> Bare.start(bareArgs(template, "barep-" + i, root.resolve("barep-" + i
                    + ".log"), true), root.resolve("barep-" + i + ".sock"), loop, watcher));
            double bareMs = (System.nanoTime() - b0) / 1e6;
            for (Bare q : bare) {
                q.pidfd.signal(Syscalls.SIGKILL);
                q.exit.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                q.close();
            }
            System.out.printf("op=start_%d_paused_kvm_parallel virtlayer_ms=%.0f libvirt_ms=%.0f bare_ms=%.0f%n",
                    parallel, vl, lvMs, bareMs);
            System.out.printf("op=memory_per_running_domain virtlayer_heap_kib=%d libvirtd_rss_kib=%d%n",
                    (heapAfter - heapBefore) / 1024 / parallel, (rssAfter - rssBefore) / parallel);
        } finally {
            pool.shutdownNow();
        }
    }

    private interface Task<T> {
        T run(int i) throws Exception;
    }

    private <T> List<T> all(ExecutorService pool, Task<T> task) throws Exception {
        List<Future<T>> fs = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            int n = i;
            fs.add(pool.submit((Callable<T>) () -> task.run(n)));
        }
        List<T> out = new ArrayList<>();
        for (Future<T> f : fs) {
            out.add(f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        }
        return out;
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private long libvirtdRss() throws IOException {
        String pid = Files.readString(root.resolve("libvirt/run/libvirtd.pid")).strip();
        for (String l : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.substring(6).replace("kB", "").strip());
            }
        }
        return 0;
    }

    // ---- warm-up and bare QEMU's command line

    /** One untimed start of each side (JIT, libvirt's capability probe), and virtlayer's command line for bare. */
    private List<String> warmUp(Connection c, QemuFixture vl, Pointer lv) throws Exception {
        List<String> argv = null;
        for (int i = 0; i < 3; i++) {
            Domain d = c.createDomain(xml("warm-" + i, "qemu"));
            argv = QemuFixture.cmdline(vl.pid(d.uuid()));
            c.listDomains();
            c.domainStats(null);
            d.destroy();
        }
        Pointer d = LV.virDomainCreateXML(lv, xml("lv-warm", "qemu"), 0);
        check(d != null, "create");
        LV.virDomainDestroy(d);
        LV.virDomainFree(d);
        return argv;
    }

    /** virtlayer's arguments for bare QEMU: its own monitor socket and serial log, exiting at the guest's power-off. */
    private static List<String> bareArgs(List<String> template, String name, Path log, boolean kvm) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < template.size(); i++) {
            String a = template.get(i);
            String next = i + 1 < template.size() ? template.get(i + 1) : "";
            if (a.equals("-object") && next.contains("masterKey0")) {
                i++;
            } else if (a.equals("-no-shutdown")) {
                continue;
            } else if ((a.equals("-chardev") || a.equals("-mon")) && next.contains("charhandover")) {
                // virtlayer's second monitor, on a descriptor handed over at start: bare QEMU has nobody to hand it
                i++;
            } else if (a.equals("-chardev") && next.startsWith("socket,id=charmonitor")) {
                out.add(a);
                out.add("socket,id=charmonitor,path=" + log.resolveSibling(name + ".sock") + ",server=on,wait=off");
                i++;
            } else if (a.equals("-chardev") && next.startsWith("file,id=charserial0")) {
                out.add(a);
                out.add("file,id=charserial0,path=" + log);
                i++;
            } else if (a.equals("-name")) {
                out.add(a);
                out.add("guest=" + name + ",debug-threads=on");
                i++;
            } else if (a.equals("-accel") && kvm) {
                out.add(a);
                out.add("kvm");
                i++;
            } else {
                out.add(a);
            }
        }
        return out;
    }

    /** A bare QEMU: started, its monitor connected once it listens. */
    private static final class Bare implements AutoCloseable {
        final PidFd pidfd;
        final CompletableFuture<ProcessExit> exit = new CompletableFuture<>();
        QmpMonitor monitor;

        private Bare(PidFd pidfd) {
            this.pidfd = pidfd;
        }

        static Bare start(List<String> argv, Path sock, MonitorLoop loop, ProcessWatcher watcher) throws Exception {
            Files.deleteIfExists(sock);
            Bare b = new Bare(ProcessLauncher.launch(new ProcessLauncher.Spec(argv).env("LC_ALL", "C")
                    .log(sock.resolveSibling(sock.getFileName() + ".out"))));
            watcher.watch(b.pidfd, b.exit::complete);
            // bare QEMU creates its socket itself: wait for it as any manager without descriptor passing must
            while (true) {
                try {
                    b.monitor = QmpMonitor.connect(sock, loop, new QmpMonitor.Listener() {
                        @Override
                        public void onEvent(QmpEvent event) {
                        }

                        @Override
                        public void onClose() {
                        }
                    }, sock.toString());
                    break;
                } catch (IOException e) {
                    if (b.exit.isDone()) {
                        throw new IllegalStateException("bare QEMU exited: " + b.exit.get());
                    }
                    Thread.sleep(0, 200_000);
                }
            }
            b.monitor.handshake(TIMEOUT_MS);
            return b;
        }

        @Override
        public void close() {
            monitor.close();
            pidfd.close();
        }
    }

    // ---- helpers

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("libvirt " + what + " failed: " + LV.virGetLastErrorMessage());
        }
    }

    private static void freeDomains(Pointer array, int n) {
        if (array == null) {
            return;
        }
        for (int i = 0; i < n; i++) {
            LV.virDomainFree(array.getPointer((long) i * Native.POINTER_SIZE));
        }
        Native.free(Pointer.nativeValue(array));
    }

    private static void exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed");
        }
    }

    private static void stopPeer(Path dir) {
        for (String f : List.of("run/libvirtd.pid", "run/virtlogd.pid")) {
            try {
                Syscalls.kill(Integer.parseInt(Files.readString(dir.resolve(f)).strip()), Syscalls.SIGTERM);
            } catch (IOException | RuntimeException e) {
                System.err.println("cannot stop " + f + ": " + e.getMessage());
            }
        }
    }
}
