package org.virtlayer.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.libvirt.Connect;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.core.internal.ConnectionFactoryImpl;
import org.virtlayer.core.internal.host.LinuxHost;
import org.virtlayer.driver.remote.internal.RemoteDriver;
import org.virtlayer.spi.HypervisorDriver;

/**
 * Remote calls per second and latency, virtlayer beside libvirt 9.0, in one run: lookup (a domain by name), info (of
 * a domain) and list (all domains), each with 1, 16 and 64 callers sharing one connection.
 *
 * <ul>
 * <li>virtlayer: the remote driver, over TLS 1.3 on 127.0.0.1, to {@link RemoteBenchNode} in another JVM.</li>
 * <li>libvirt: libvirt-java over libvirt's remote protocol to libvirtd's test driver, over the daemon's unix socket
 * ({@code test+unix:///default?socket=...}): no TLS, no TCP.</li>
 * </ul>
 * Prints one line per side, operation and callers: {@code side=.. op=.. callers=.. calls_per_s=.. p50_us=..
 * p99_us=..}, after a warm-up of every operation on both sides. Usage: {@code RemoteBench LIBVIRTD_SOCKET [SECONDS]}.
 */
public final class RemoteBench {
    private static final int EXTRA_DOMAINS = 20;
    private static final int[] CALLERS = {1, 16, 64};

    interface Side extends AutoCloseable {
        /** One call of the operation, by one caller. */
        void call(String op) throws Exception;

        String name();
    }

    private RemoteBench() {
    }

    static final String XML = """
            <domain type='test'>
              <name>%s</name>
              <uuid>%s</uuid>
              <memory unit='KiB'>1048576</memory>
              <vcpu>2</vcpu>
              <os><type arch='i686'>hvm</type></os>
            </domain>
            """;

    static final class Virtlayer implements Side {
        private final Process node;
        private final ConnectionFactoryImpl factory;
        private final Connection conn;
        private final ThreadLocal<Domain> handle;

        Virtlayer(Path dir) throws Exception {
            node = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                    "-cp", System.getProperty("java.class.path"), RemoteBenchNode.class.getName(), dir.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("PORT ")) {
                throw new IllegalStateException("node did not start: " + line);
            }
            int port = Integer.parseInt(line.substring(5).strip());
            factory = new ConnectionFactoryImpl(new LinuxHost(), 1000);
            factory.addDriver(new RemoteDriver(dir.resolve("client"), 10_000, 60_000), Map.of(
                    HypervisorDriver.SCHEMES, "*", HypervisorDriver.TRANSPORTS, "tls", HypervisorDriver.NAME,
                    "remote"), "remote");
            conn = factory.open("test+tls://127.0.0.1:" + port + "/default");
            for (int i = 0; i < EXTRA_DOMAINS; i++) {
                conn.defineDomain(String.format(XML, "bench" + i, UUID.randomUUID()));
            }
            handle = ThreadLocal.withInitial(() -> conn.lookupDomainByName("test"));
        }

        @Override
        public void call(String op) {
            switch (op) {
                case "lookup" -> conn.lookupDomainByName("test");
                case "info" -> handle.get().info();
                default -> {
                    if (conn.listDomains().size() != EXTRA_DOMAINS + 1) {
                        throw new IllegalStateException("wrong list");
                    }
                }
            }
        }

        @Override
        public String name() {
            return "virtlayer-tls";
        }

        @Override
        public void close() throws Exception {
            conn.close();
            factory.deactivate();
            node.getOutputStream().close();
            node.waitFor();
        }
    }

    static final class Libvirt implements Side {
        private final Connect conn;
        private final ThreadLocal<org.libvirt.Domain> handle;

        Libvirt(String socket) throws Exception {
            conn = new Connect("test+unix:///default?socket=" + socket);
            for (int i = 0; i < EXTRA_DOMAINS; i++) {
                conn.domainDefineXML(String.format(XML, "bench" + i, UUID.randomUUID()));
            }
            handle = ThreadLocal.withInitial(() -> {
                try {
                    return conn.domainLookupByName("test");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override
        public void call(String op) throws Exception {
            switch (op) {
                case "lookup" -> conn.domainLookupByName("test");
                case "info" -> handle.get().getInfo();
                default -> {
                    // libvirt-java 0.5.2 has no virConnectListAllDomains: running IDs plus defined names
                    int n = conn.listDomains().length + conn.listDefinedDomains().length;
                    if (n != EXTRA_DOMAINS + 1) {
                        throw new IllegalStateException("wrong list: " + n);
                    }
                }
            }
        }

        @Override
        public String name() {
            return "libvirt-unix";
        }

        @Override
        public void close() throws Exception {
            for (int i = 0; i < EXTRA_DOMAINS; i++) {
                conn.domainLookupByName("bench" + i).undefine();
            }
            conn.close();
        }
    }

    /** Runs {@code callers} threads calling {@code op} for {@code seconds} after a warm-up; prints one line. */
    static void measure(Side side, String op, int callers, double seconds) throws Exception {
        measure(side, op, callers, seconds, true);
    }

    static void measure(Side side, String op, int callers, double seconds, boolean print) throws Exception {
        AtomicBoolean warm = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        long[][] lat = new long[callers][];
        int[] counts = new int[callers];
        Throwable[] failure = new Throwable[1];
        CountDownLatch done = new CountDownLatch(callers);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            int me = t;
            Thread th = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                try {
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        side.call(op);
                        long dt = System.nanoTime() - t0;
                        if (warm.get()) {
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = dt;
                        }
                    }
                } catch (Throwable e) {
                    failure[0] = e;
                } finally {
                    lat[me] = mine;
                    counts[me] = n;
                    done.countDown();
                }
            });
            th.setDaemon(true);
            threads.add(th);
            th.start();
        }
        Thread.sleep(1000);
        warm.set(true);
        long t0 = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        long elapsed = System.nanoTime() - t0;
        done.await();
        if (failure[0] != null) {
            throw new IllegalStateException(side.name() + " " + op + " failed", failure[0]);
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int k = 0;
        for (int t = 0; t < callers; t++) {
            System.arraycopy(lat[t], 0, all, k, counts[t]);
            k += counts[t];
        }
        Arrays.sort(all);
        if (!print) {
            return;
        }
        System.out.printf(Locale.ROOT, "side=%s op=%s callers=%d calls_per_s=%.0f p50_us=%.0f p99_us=%.0f%n",
                side.name(), op, callers, total / (elapsed / 1e9), all[total / 2] / 1e3,
                all[Math.min(total - 1, (int) (total * 0.99))] / 1e3);
    }

    public static void main(String[] args) throws Exception {
        String socket = args[0];
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        System.out.println("# " + Machine.describe());
        System.out.println("# virtlayer: remote driver -> TLS 1.3 over TCP 127.0.0.1 -> remote server (another JVM),"
                + " test driver; libvirt 9.0: libvirt-java 0.5.2 -> remote protocol over the unix socket " + socket
                + " -> libvirtd, test driver");
        Path dir = Files.createTempDirectory("virtlayer-remote-bench");
        try (Side ours = new Virtlayer(dir); Side theirs = new Libvirt(socket)) {
            // both JVMs' compilers warm on every operation before anything is measured
            for (String op : List.of("lookup", "info", "list")) {
                measure(ours, op, 16, 2, false);
                measure(theirs, op, 16, 2, false);
            }
            for (String op : List.of("lookup", "info", "list")) {
                for (int callers : CALLERS) {
                    measure(ours, op, callers, seconds);
                    measure(theirs, op, callers, seconds);
                }
            }
        }
    }
}
