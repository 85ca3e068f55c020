package org.virtlayer.driver.lxc.bench;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainListFlag;
import org.virtlayer.api.ShutdownMode;
import org.virtlayer.driver.lxc.LxcFixture;
import org.virtlayer.driver.lxc.TestRootfs;

/**
 * The benchmark (a command, not a test): virtlayer's LXC driver and libvirt 9.0's (a private libvirtd started by
 * {@code shared/peer/start-libvirtd.sh}, which hides this host's unified cgroup mount from it so that its LXC driver
 * runs), side by side in one run, the same container (the busybox test root, {@code /init.sh}, a tmpfs {@code /tmp},
 * a pty console, 64 MiB). Prints {@code op=NAME virtlayer_ms=X libvirt_ms=Y} (medians of the rounds, the two sides
 * taking turns in each round), then many containers started and destroyed. Run:
 * {@code mvn -B -pl driver-lxc -am -Pbench -DskipTests verify} (see docs/lxc.md).
 */
public final class LxcBench {
    private static final Libvirt LV = Libvirt.INSTANCE;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);
    private static final int THREADS = 8;

    private final Path root;
    private final int rounds;
    private final int many;

    private LxcBench(Path root, int rounds, int many) {
        this.root = root;
        this.rounds = rounds;
        this.many = many;
    }

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory(Path.of("/tmp"), "vlb-lxc-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        LxcBench b = new LxcBench(root, Integer.getInteger("bench.rounds", 10), Integer.getInteger("bench.many",
                200));
        try {
            b.run();
        } finally {
            if (!Boolean.getBoolean("bench.keep")) {
                try (var files = Files.walk(root)) {
                    for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    private static String xml(String name) {
        return TestRootfs.domainXml(name, 64, "");
    }

    private void run() throws Exception {
        machine();
        Path peerDir = root.resolve("libvirt");
        String script = System.getProperty("virtlayer.peer.script", "../../shared/peer/start-libvirtd.sh");
        exec("bash", script, peerDir.toString());
        Pointer lv = LV.virConnectOpen("lxc:///system?socket=" + peerDir.resolve("run/libvirt/libvirt-sock"));
        if (lv == null) {
            throw new IllegalStateException("cannot connect to the libvirt peer: " + LV.virGetLastErrorMessage());
        }
        LxcFixture vl = new LxcFixture(root.resolve("vl"));
        Connection c = vl.factory.open("lxc:///system");
        try {
            Domain d = c.defineDomain(xml("bench-vl"));
            Pointer ld = LV.virDomainDefineXML(lv, xml("bench-lv"));
            check(ld != null, "define");
            Timing[][] t = new Timing[5][2];
            for (Timing[] row : t) {
                row[0] = new Timing();
                row[1] = new Timing();
            }
            for (int r = -2; r < rounds; r++) {
                // two warm-up rounds, then measured ones; the sides take turns
                roundVirtlayer(vl, d, r < 0 ? null : t, c);
                roundLibvirt(lv, ld, r < 0 ? null : t);
            }
            LV.virDomainUndefine(ld);
            LV.virDomainFree(ld);
            d.undefine();
            String[] names = {"start", "shutdown", "destroy", "list", "stats"};
            for (int i = 0; i < names.length; i++) {
                System.out.println("op=" + names[i] + " virtlayer_ms=" + t[i][0].median() + " libvirt_ms="
                        + t[i][1].median());
            }
            many(c, lv);
        } finally {
            for (Domain d : c.listDomains(DomainListFlag.ACTIVE)) {
                d.destroy();
            }
            c.close();
            vl.close();
            destroyAll(lv);
            LV.virConnectClose(lv);
            stopPeer(peerDir);
            removeLibvirtMachineCgroups();
        }
    }

    /** Every libvirt container still there (a failed round): its controllers would outlive libvirtd. */
    private static void destroyAll(Pointer lv) {
        PointerByReference list = new PointerByReference();
        int n = LV.virConnectListAllDomains(lv, list, 0);
        for (int i = 0; i < n; i++) {
            Pointer d = list.getValue().getPointer((long) i * Native.POINTER_SIZE);
            if (LV.virDomainIsActive(d) == 1) {
                LV.virDomainDestroy(d);
            }
            LV.virDomainUndefine(d);
            LV.virDomainFree(d);
        }
        if (n > 0) {
            Native.free(Pointer.nativeValue(list.getValue()));
        }
    }

    /** libvirt's LXC driver leaves its (empty) {@code machine} cgroup in every v1 hierarchy: the peer's, removed. */
    private static void removeLibvirtMachineCgroups() {
        try (var hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path h : hierarchies.toList()) {
                Path machine = h.resolve("machine");
                try (var children = Files.list(machine)) {
                    if (children.noneMatch(Files::isDirectory)) {
                        Files.delete(machine);
                    }
                } catch (IOException e) {
                    // absent, or in use by another libvirt: left alone
                }
            }
        } catch (IOException e) {
            // no cgroups
        }
    }

    // ---- one round of each side

    private static void roundVirtlayer(LxcFixture f, Domain d, Timing[][] t, Connection c) throws Exception {
        long t0 = System.nanoTime();
        d.start();
        awaitReady(f.initPid(d.uuid()), t0);
        record(t, 0, 0, t0);
        t0 = System.nanoTime();
        d.shutdown(ShutdownMode.SIGNAL);
        while (d.isActive()) {
            spin(t0);
        }
        record(t, 1, 0, t0);
        d.start();
        awaitReady(f.initPid(d.uuid()), System.nanoTime());
        t0 = System.nanoTime();
        c.listDomains();
        record(t, 3, 0, t0);
        t0 = System.nanoTime();
        c.domainStats(null);
        record(t, 4, 0, t0);
        t0 = System.nanoTime();
        d.destroy();
        record(t, 2, 0, t0);
    }

    private static void roundLibvirt(Pointer lv, Pointer d, Timing[][] t) throws Exception {
        long t0 = System.nanoTime();
        check(LV.virDomainCreate(d) == 0, "start");
        awaitReady(libvirtInit(d, t0), t0);
        record(t, 0, 1, t0);
        t0 = System.nanoTime();
        check(LV.virDomainShutdownFlags(d, Libvirt.SHUTDOWN_SIGNAL) == 0, "shutdown");
        while (LV.virDomainIsActive(d) == 1) {
            spin(t0);
        }
        record(t, 1, 1, t0);
        check(LV.virDomainCreate(d) == 0, "start");
        awaitReady(libvirtInit(d, System.nanoTime()), System.nanoTime());
        t0 = System.nanoTime();
        PointerByReference list = new PointerByReference();
        int n = LV.virConnectListAllDomains(lv, list, 0);
        check(n >= 1, "list");
        for (int i = 0; i < n; i++) {
            LV.virDomainFree(list.getValue().getPointer((long) i * Native.POINTER_SIZE));
        }
        Native.free(Pointer.nativeValue(list.getValue()));
        record(t, 3, 1, t0);
        PointerByReference recs = new PointerByReference();
        if (LV.virConnectGetAllDomainStats(lv, Libvirt.ALL_STATS, recs, 0) >= 0) {
            LV.virDomainStatsRecordListFree(recs.getValue());
        }
        // libvirt 9.0's LXC driver has no virConnectGetAllDomainStats: nothing to time
        t0 = System.nanoTime();
        check(LV.virDomainDestroy(d) == 0, "destroy");
        record(t, 2, 1, t0);
    }

    /**
     * The PID of a libvirt container's init: the child of its libvirt_lxc controller (whose PID is the domain ID) that
     * is PID 1 of a namespace of its own (the controller may have other children for a moment).
     */
    private static int libvirtInit(Pointer d, long t0) throws Exception {
        int controller = LV.virDomainGetID(d);
        Path children = Path.of("/proc/" + controller + "/task/" + controller + "/children");
        while (true) {
            for (String c : Files.readString(children).strip().split(" ")) {
                if (!c.isEmpty() && pidOneInside(Integer.parseInt(c))) {
                    return Integer.parseInt(c);
                }
            }
            spin(t0);
        }
    }

    private static boolean pidOneInside(int pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("NSpid:")) {
                    return l.endsWith("\t1");
                }
            }
        } catch (IOException e) {
            // gone
        }
        return false;
    }

    /** Until {@code /tmp/ct-ready} exists inside (the container's own tmpfs, seen through its init's root). */
    private static void awaitReady(int init, long t0) {
        Path ready = Path.of("/proc/" + init + "/root/tmp/ct-ready");
        while (!Files.exists(ready)) {
            spin(t0);
        }
    }

    private static void spin(long t0) {
        if (System.nanoTime() - t0 > TIMEOUT_NS) {
            throw new IllegalStateException("timed out");
        }
        LockSupport.parkNanos(20_000);
    }

    private static void record(Timing[][] t, int op, int side, long t0) {
        if (t != null) {
            t[op][side].add(System.nanoTime() - t0);
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("libvirt " + what + " failed: " + LV.virGetLastErrorMessage());
        }
    }

    // ---- many containers at once

    private void many(Connection c, Pointer lv) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Callable<Object>> starts = new ArrayList<>();
            for (int i = 0; i < many; i++) {
                String name = "many-vl-" + i;
                starts.add(() -> c.createDomain(xml(name)));
            }
            long t0 = System.nanoTime();
            all(pool, starts);
            long started = System.nanoTime();
            int running = c.listDomains(DomainListFlag.ACTIVE).size();
            List<Callable<Object>> destroys = new ArrayList<>();
            for (Domain d : c.listDomains(DomainListFlag.ACTIVE)) {
                destroys.add(() -> {
                    d.destroy();
                    return null;
                });
            }
            all(pool, destroys);
            long vl = System.nanoTime() - t0;

            List<Callable<Object>> lstarts = new ArrayList<>();
            for (int i = 0; i < many; i++) {
                String name = "many-lv-" + i;
                lstarts.add(() -> {
                    Pointer d = LV.virDomainCreateXML(lv, xml(name), 0);
                    check(d != null, "createXML");
                    return d;
                });
            }
            long l0 = System.nanoTime();
            List<Object> doms = all(pool, lstarts);
            long lstarted = System.nanoTime();
            List<Callable<Object>> ldestroys = new ArrayList<>();
            for (Object o : doms) {
                ldestroys.add(() -> {
                    check(LV.virDomainDestroy((Pointer) o) == 0, "destroy");
                    LV.virDomainFree((Pointer) o);
                    return null;
                });
            }
            all(pool, ldestroys);
            long lvt = System.nanoTime() - l0;
            System.out.printf("op=%d_started_and_destroyed virtlayer_ms=%.0f libvirt_ms=%.0f%n", many, vl / 1e6,
                    lvt / 1e6);
            System.out.printf("   of which starting: virtlayer %.0f ms (%d running at once), libvirt %.0f ms;"
                    + " %d threads%n", (started - t0) / 1e6, running, (lstarted - l0) / 1e6, THREADS);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Object> all(ExecutorService pool, List<Callable<Object>> tasks) throws Exception {
        List<Object> out = new ArrayList<>();
        for (Future<Object> f : pool.invokeAll(tasks)) {
            out.add(f.get());
        }
        return out;
    }

    // ---- machine and peer

    private static void machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        System.out.println("machine: " + cpu + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, Linux "
                + System.getProperty("os.version") + ", Java " + System.getProperty("java.version")
                + ", load " + Files.readString(Path.of("/proc/loadavg")).strip());
    }

    private static void exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed");
        }
    }

    private static void stopPeer(Path dir) {
        for (String f : List.of("run/libvirtd.pid", "run/virtlogd.pid")) {
            try {
                int pid = Integer.parseInt(Files.readString(dir.resolve(f)).strip());
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
                ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
            } catch (IOException | NumberFormatException e) {
                // not started
            }
        }
    }

    /** Samples of one figure, reported as their median in milliseconds. */
    static final class Timing {
        private final List<Double> ms = new ArrayList<>();

        void add(long nanos) {
            ms.add(nanos / 1e6);
        }

        String median() {
            if (ms.isEmpty()) {
                return "unsupported";
            }
            List<Double> s = new ArrayList<>(ms);
            Collections.sort(s);
            double m = s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
            return m >= 100 ? String.format("%.0f", m) : String.format("%.1f", m);
        }
    }
}
