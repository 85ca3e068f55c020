package org.virtlayer.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.libvirt.Connect;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Network;
import org.virtlayer.core.internal.ConnectionFactoryImpl;
import org.virtlayer.core.internal.host.LinuxHost;
import org.virtlayer.core.internal.state.FileStateStores;
import org.virtlayer.core.testkit.NodeOnlyDriver;
import org.virtlayer.network.bridge.internal.BridgeNetworkBackend;
import org.virtlayer.spi.HypervisorDriver;
import org.virtlayer.spi.NetworkBackend;

/**
 * Network start-to-first-lease on virtlayer's network-bridge backend (through the real core and API, in network
 * namespace VL_NS) and on libvirt 9.0's network driver (libvirt-java for start and destroy, {@code virsh
 * net-dhcp-leases} for leases, libvirtd running in network namespace LV_NS), in one run: the network starts, a
 * client (a namespace with busybox's udhcpc on a veth pair into the bridge) is plugged in at once and asks for an
 * address, and the clock stops when the API lists the lease. Two setups: libvirt's defaults (spanning tree on,
 * whose 2 s forward delay the kernel enforces twice over, and a dynamic range, which dnsmasq ping-checks for ~3 s
 * before offering), and spanning tree off with a static host (what the backends themselves cost). Prints
 * {@code op=<name> n=<runs> virtlayer_ms=<median> libvirt_ms=<median> ratio=<libvirt/virtlayer>}.
 *
 * <p>usage: NetworkBench LIBVIRT_URI VL_NS LV_NS WORK_FOLDER
 */
public final class NetworkBench {
    private static final String MAC = "52:54:00:be:0c:01";

    interface Side extends AutoCloseable {
        String namespace();

        void define(String xml) throws Exception;

        void start() throws Exception;

        boolean leased(String mac) throws Exception;

        void destroy() throws Exception;

        void undefine() throws Exception;
    }

    static String xml(String name, String bridge, String subnet, boolean stp, boolean staticHost) {
        return "<network><name>" + name + "</name><forward mode='nat'/><bridge name='" + bridge + "'"
                + (stp ? "" : " stp='off'") + "/><ip address='" + subnet + ".1' netmask='255.255.255.0'><dhcp>"
                + (staticHost ? "<host mac='" + MAC + "' name='client' ip='" + subnet + ".50'/>"
                        : "<range start='" + subnet + ".100' end='" + subnet + ".199'/>")
                + "</dhcp></ip></network>";
    }

    static final class Virtlayer implements Side {
        private final String ns;
        private final ConnectionFactoryImpl factory;
        private final Connection conn;
        private Network net;

        Virtlayer(String ns, Path work) throws IOException {
            this.ns = ns;
            // dnsmasq, unprivileged, must reach its files
            Files.createDirectories(work);
            for (Path p = work; p != null && p.startsWith("/tmp/"); p = p.getParent()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            factory = new ConnectionFactoryImpl(new LinuxHost(), 1000);
            factory.addDriver(new NodeOnlyDriver(), Map.of(HypervisorDriver.SCHEMES, "node",
                    HypervisorDriver.NAME, "node"), "bench");
            factory.addNetworkBackend(new BridgeNetworkBackend(new FileStateStores(work.resolve("state"),
                    work.resolve("run")).open(BridgeNetworkBackend.AREA), ns, "dnsmasq"), Map.of(NetworkBackend.NAME,
                    "network-bridge"), "bench");
            conn = factory.open("node:///system");
        }

        @Override
        public String namespace() {
            return ns;
        }

        @Override
        public void define(String xml) {
            net = conn.defineNetwork(xml);
        }

        @Override
        public void start() {
            net.start();
        }

        @Override
        public boolean leased(String mac) {
            return !net.dhcpLeases(mac).isEmpty();
        }

        @Override
        public void destroy() {
            net.destroy();
        }

        @Override
        public void undefine() {
            net.undefine();
        }

        @Override
        public void close() {
            conn.close();
            factory.deactivate();
        }
    }

    static final class Libvirt implements Side {
        private final String uri;
        private final String ns;
        private final Connect conn;
        private org.libvirt.Network net;
        private String name;

        Libvirt(String uri, String ns) throws Exception {
            this.uri = uri;
            this.ns = ns;
            conn = new Connect(uri);
        }

        @Override
        public String namespace() {
            return ns;
        }

        @Override
        public void define(String xml) throws Exception {
            net = conn.networkDefineXML(xml);
            name = net.getName();
        }

        @Override
        public void start() throws Exception {
            net.create();
        }

        /** libvirt-java 0.5.2 has no virNetworkGetDHCPLeases: virsh asks libvirtd the same. */
        @Override
        public boolean leased(String mac) {
            return run(List.of("virsh", "-q", "-c", uri, "net-dhcp-leases", name, "--mac", mac)).contains(mac);
        }

        @Override
        public void destroy() throws Exception {
            net.destroy();
        }

        @Override
        public void undefine() throws Exception {
            net.undefine();
            net.free();
        }

        @Override
        public void close() throws Exception {
            conn.close();
        }
    }

    static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A client: its own namespace, a veth pair into the bridge, busybox udhcpc asking until it has a lease. */
    static final class Client implements AutoCloseable {
        private final String ns;
        private final Process dhcp;

        Client(String bridgeNs, String bridge, int id) throws IOException {
            ns = "vl-bc-" + ProcessHandle.current().pid() + "-" + id;
            run(List.of("ip", "netns", "add", ns));
            String host = "vlbc" + id;
            run(List.of("ip", "link", "add", host, "netns", bridgeNs, "type", "veth", "peer", "name", "eth0", "netns",
                    ns, "address", MAC));
            run(List.of("ip", "netns", "exec", bridgeNs, "ip", "link", "set", "dev", host, "master", bridge, "up"));
            run(List.of("ip", "netns", "exec", ns, "ip", "link", "set", "dev", "eth0", "up"));
            dhcp = new ProcessBuilder("ip", "netns", "exec", ns, "busybox", "udhcpc", "-i", "eth0", "-n", "-q", "-t",
                    "60", "-T", "1", "-s", "/bin/true").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        }

        @Override
        public void close() {
            dhcp.destroyForcibly();
            run(List.of("ip", "netns", "del", ns));
        }
    }

    /** Milliseconds: start, start to first lease, destroy. */
    static double[] round(Side s, String xml, String bridge, int id) throws Exception {
        s.define(xml);
        long t0 = System.nanoTime();
        s.start();
        long t1 = System.nanoTime();
        long t2;
        try (Client c = new Client(s.namespace(), bridge, id)) {
            while (!s.leased(MAC)) {
                if (System.nanoTime() - t0 > 60_000_000_000L) {
                    throw new IllegalStateException("no lease within 60 s");
                }
                Thread.sleep(10);
            }
            t2 = System.nanoTime();
        }
        long t3 = System.nanoTime();
        s.destroy();
        long t4 = System.nanoTime();
        s.undefine();
        return new double[] {(t1 - t0) / 1e6, (t2 - t0) / 1e6, (t4 - t3) / 1e6};
    }

    private static double median(List<Double> l) {
        double[] a = l.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a[a.length / 2];
    }

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        int runs = Integer.getInteger("bench.runs", 3);
        System.out.println("# machine: " + Machine.describe());
        try (Side v = new Virtlayer(args[1], Path.of(args[3])); Side l = new Libvirt(uri, args[2])) {
            int id = 0;
            for (boolean defaults : new boolean[] {true, false}) {
                List<List<Double>> ours = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                List<List<Double>> theirs = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                for (int r = 0; r < runs; r++) {
                    double[] a = round(v, xml("vlbench", "vlbench0", "192.168.170", defaults, !defaults), "vlbench0",
                            id++);
                    double[] b = round(l, xml("lvbench", "lvbench0", "192.168.171", defaults, !defaults), "lvbench0",
                            id++);
                    for (int k = 0; k < 3; k++) {
                        ours.get(k).add(a[k]);
                        theirs.get(k).add(b[k]);
                    }
                }
                String setup = defaults ? "stp_on_dynamic" : "stp_off_static";
                String[] ops = {"net_start", "start_to_first_lease", "net_destroy"};
                for (int k = 0; k < 3; k++) {
                    double o = median(ours.get(k));
                    double t = median(theirs.get(k));
                    System.out.printf(Locale.ROOT, "op=%s_%s n=%d virtlayer_ms=%.1f libvirt_ms=%.1f ratio=%.2f%n",
                            ops[k], setup, runs, o, t, t / o);
                }
            }
        }
    }
}
