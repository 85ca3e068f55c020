package org.virtlayer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.core.internal.ConnectionFactoryImpl;
import org.virtlayer.core.internal.host.LinuxHost;
import org.virtlayer.driver.test.internal.TestDriver;
import org.virtlayer.spi.HypervisorDriver;

/**
 * The same work on virtlayer's test driver (through the real core and API) and on libvirt 9.0's test driver (through
 * libvirt-java over libvirt.so, in this process, as a Java user would call it), in one run. Prints one line per
 * operation and size: {@code op=<name> n=<n> virtlayer_us=<x> libvirt_us=<y> ratio=<y/x>}, costs per operation in
 * microseconds ({@code list_all} is one listing of all n domains).
 */
public final class DriverBench {
    private static final String XML = """
            <domain type='test'>
              <name>%s</name>
              <uuid>%s</uuid>
              <memory unit='KiB'>1048576</memory>
              <currentMemory unit='KiB'>524288</currentMemory>
              <vcpu placement='static'>2</vcpu>
              <os>
                <type arch='i686'>hvm</type>
                <boot dev='hd'/>
              </os>
              <clock offset='utc'/>
              <on_poweroff>destroy</on_poweroff>
              <on_reboot>restart</on_reboot>
              <on_crash>destroy</on_crash>
              <devices>
                <disk type='file' device='disk'>
                  <source file='/var/lib/images/%s.qcow2'/>
                  <target dev='vda' bus='virtio'/>
                </disk>
                <interface type='network'>
                  <mac address='52:54:00:%02x:%02x:%02x'/>
                  <source network='default'/>
                </interface>
              </devices>
            </domain>
            """;

    /** The operations, each done for every one of n domains (list_all: repeated, one listing each). */
    interface Side extends AutoCloseable {
        void define(String xml) throws Exception;

        void lookupStart(String name) throws Exception;

        int listAll() throws Exception;

        void lookupInfoXml(String name) throws Exception;

        void destroyUndefine(String name) throws Exception;

        @Override
        void close() throws Exception;
    }

    static final class Virtlayer implements Side {
        private final ConnectionFactoryImpl factory;
        private final Connection conn;

        Virtlayer() {
            factory = new ConnectionFactoryImpl(new LinuxHost(), 1000);
            factory.addDriver(new TestDriver(), Map.of(HypervisorDriver.SCHEMES, "test", HypervisorDriver.NAME,
                    "test", HypervisorDriver.NONBLOCKING, Boolean.TRUE), "bench");
            conn = factory.open("test:///default");
        }

        @Override
        public void define(String xml) {
            conn.defineDomain(xml);
        }

        @Override
        public void lookupStart(String name) {
            conn.lookupDomainByName(name).start();
        }

        /** Every listed domain's name is read, as a caller listing domains would. */
        @Override
        public int listAll() {
            int seen = 0;
            for (Domain d : conn.listDomains()) {
                seen += d.name().isEmpty() ? 0 : 1;
            }
            return seen;
        }

        @Override
        public void lookupInfoXml(String name) {
            Domain d = conn.lookupDomainByName(name);
            d.info();
            d.xml();
        }

        @Override
        public void destroyUndefine(String name) {
            Domain d = conn.lookupDomainByName(name);
            d.destroy();
            d.undefine();
        }

        @Override
        public void close() {
            conn.close();
            factory.deactivate();
        }
    }

    static final class Libvirt implements Side {
        private final Connect conn;

        Libvirt() throws LibvirtException {
            conn = new Connect("test:///default");
        }

        @Override
        public void define(String xml) throws LibvirtException {
            conn.domainDefineXML(xml).free();
        }

        @Override
        public void lookupStart(String name) throws LibvirtException {
            org.libvirt.Domain d = conn.domainLookupByName(name);
            d.create();
            d.free();
        }

        /**
         * libvirt-java 0.5.2 lists all domains as the IDs of running ones plus the names of the others (it has no
         * virConnectListAllDomains); every ID and name is read.
         */
        @Override
        public int listAll() throws LibvirtException {
            int seen = 0;
            for (int id : conn.listDomains()) {
                seen += id >= 0 ? 1 : 0;
            }
            for (String name : conn.listDefinedDomains()) {
                seen += name.isEmpty() ? 0 : 1;
            }
            return seen;
        }

        @Override
        public void lookupInfoXml(String name) throws LibvirtException {
            org.libvirt.Domain d = conn.domainLookupByName(name);
            d.getInfo();
            d.getXMLDesc(0);
            d.free();
        }

        @Override
        public void destroyUndefine(String name) throws LibvirtException {
            org.libvirt.Domain d = conn.domainLookupByName(name);
            d.destroy();
            d.undefine();
            d.free();
        }

        @Override
        public void close() throws LibvirtException {
            conn.close();
        }
    }

    record Result(double defineUs, double lookupStartUs, double listAllUs, double lookupInfoXmlUs,
            double destroyUndefineUs) {
    }

    interface Step {
        void run(int i) throws Exception;
    }

    private static double perOp(int n, Step step) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            step.run(i);
        }
        return (System.nanoTime() - t0) / 1000.0 / n;
    }

    static Result run(Side side, int n) throws Exception {
        List<String> names = new ArrayList<>(n);
        List<String> xmls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = "bench-" + i;
            names.add(name);
            xmls.add(String.format(Locale.ROOT, XML, name, new UUID(0x5eed, i), name, (i >> 16) & 0xff,
                    (i >> 8) & 0xff, i & 0xff));
        }
        double define = perOp(n, i -> side.define(xmls.get(i)));
        double start = perOp(n, i -> side.lookupStart(names.get(i)));
        int reps = Math.max(5, 2_000_000 / n);
        double list = perOp(reps, i -> {
            if (side.listAll() < n) {
                throw new IllegalStateException("listing lost domains");
            }
        });
        double info = perOp(n, i -> side.lookupInfoXml(names.get(i)));
        double destroy = perOp(n, i -> side.destroyUndefine(names.get(i)));
        return new Result(define, start, list, info, destroy);
    }

    private static void print(String op, int n, double ours, double theirs) {
        if (Double.isNaN(theirs)) {
            System.out.printf(Locale.ROOT, "op=%s n=%d virtlayer_us=%.2f libvirt_us=- ratio=-%n", op, n, ours);
        } else {
            System.out.printf(Locale.ROOT, "op=%s n=%d virtlayer_us=%.2f libvirt_us=%.2f ratio=%.1f%n", op, n, ours,
                    theirs, theirs / ours);
        }
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String a : args) {
            for (String s : a.trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    sizes.add(Integer.parseInt(s));
                }
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of(1000, 10000, 100000);
        }
        int libvirtMax = Integer.getInteger("bench.libvirtMax", 10000);
        System.out.println("# machine: " + Machine.describe());
        // warm both sides up (JIT, libvirt's lazy initialisation) before measuring
        for (int w = 0; w < 3; w++) {
            try (Side v = new Virtlayer(); Side l = new Libvirt()) {
                run(v, 10000);
                run(l, 5000);
            }
        }
        int rounds = Integer.getInteger("bench.rounds", 3);
        for (int n : sizes) {
            // each side runs several times, alternating, each time on a fresh node; the median of each figure counts,
            // so that one unlucky garbage collection or a busy neighbour does not decide a ratio
            List<Result> ours = new ArrayList<>();
            List<Result> theirs = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                try (Side v = new Virtlayer()) {
                    ours.add(run(v, n));
                }
                System.gc();
                if (n <= libvirtMax) {
                    try (Side l = new Libvirt()) {
                        theirs.add(run(l, n));
                    }
                    System.gc();
                }
            }
            Result o = median(ours);
            Result t = theirs.isEmpty() ? new Result(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN)
                    : median(theirs);
            print("define", n, o.defineUs(), t.defineUs());
            print("lookup_start", n, o.lookupStartUs(), t.lookupStartUs());
            print("list_all", n, o.listAllUs(), t.listAllUs());
            print("lookup_info_xml", n, o.lookupInfoXmlUs(), t.lookupInfoXmlUs());
            print("destroy_undefine", n, o.destroyUndefineUs(), t.destroyUndefineUs());
        }
    }

    private static Result median(List<Result> rs) {
        return new Result(median(rs, Result::defineUs), median(rs, Result::lookupStartUs),
                median(rs, Result::listAllUs), median(rs, Result::lookupInfoXmlUs),
                median(rs, Result::destroyUndefineUs));
    }

    private static double median(List<Result> rs, java.util.function.ToDoubleFunction<Result> f) {
        double[] v = rs.stream().mapToDouble(f).sorted().toArray();
        return v[v.length / 2];
    }
}
