package org.virtlayer.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.libvirt.Connect;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.virtlayer.api.Connection;
import org.virtlayer.api.StoragePoolBuildFlag;
import org.virtlayer.api.StorageVolume;
import org.virtlayer.core.internal.ConnectionFactoryImpl;
import org.virtlayer.core.internal.host.LinuxHost;
import org.virtlayer.core.internal.state.FileStateStores;
import org.virtlayer.core.testkit.NodeOnlyDriver;
import org.virtlayer.spi.HypervisorDriver;
import org.virtlayer.spi.StorageBackend;
import org.virtlayer.storage.dir.internal.DirStorageBackend;

/**
 * The same volume work on virtlayer's storage-dir backend (through the real core and API) and on libvirt 9.0's dir
 * pool (through libvirt-java over libvirt.so and libvirtd's socket, as a Java user would call it; uploads and
 * downloads with virsh vol-upload/vol-download, libvirt's own streaming client), in one run, each side with a pool
 * folder of its own on the same file system. Prints {@code op=<name> n=<n> virtlayer_ms=<x> libvirt_ms=<y>
 * ratio=<y/x>} per operation (milliseconds per volume: the median of three alternating rounds' means), and
 * {@code MiB_s} figures for the streams (median of 3).
 *
 * <p>usage: StorageBench LIBVIRT_URI WORK_FOLDER
 */
public final class StorageBench {
    private static final long MIB = 1 << 20;

    interface Side extends AutoCloseable {
        void createRaw(String name, long capacity) throws Exception;

        /** A raw volume with nothing allocated, to stream into. */
        void createSparseRaw(String name, long capacity) throws Exception;

        void createQcow2(String name, long capacity) throws Exception;

        void overlay(String name, String base) throws Exception;

        void cloneOf(String name, String source) throws Exception;

        void delete(String name) throws Exception;

        void upload(String name, Path file) throws Exception;

        void download(String name, Path file) throws Exception;

        String path(String name) throws Exception;
    }

    static String poolXml(String name, Path folder) {
        return "<pool type='dir'><name>" + name + "</name><target><path>" + folder + "</path></target></pool>";
    }

    static String rawXml(String name, long capacity) {
        return "<volume><name>" + name + "</name><capacity unit='bytes'>" + capacity + "</capacity><target><format"
                + " type='raw'/></target></volume>";
    }

    static String sparseRawXml(String name, long capacity) {
        return "<volume><name>" + name + "</name><capacity unit='bytes'>" + capacity + "</capacity><allocation"
                + " unit='bytes'>0</allocation><target><format type='raw'/></target></volume>";
    }

    static String qcow2Xml(String name, long capacity) {
        return "<volume><name>" + name + "</name><capacity unit='bytes'>" + capacity + "</capacity><target><format"
                + " type='qcow2'/></target></volume>";
    }

    static String overlayXml(String name, String basePath) {
        return "<volume><name>" + name + "</name><capacity unit='bytes'>" + (1L << 30) + "</capacity><target><format"
                + " type='qcow2'/></target><backingStore><path>" + basePath + "</path><format type='raw'/>"
                + "</backingStore></volume>";
    }

    static final class Virtlayer implements Side {
        private final ConnectionFactoryImpl factory;
        private final Connection conn;
        private final org.virtlayer.api.StoragePool pool;

        Virtlayer(Path work) throws IOException {
            factory = new ConnectionFactoryImpl(new LinuxHost(), 1000);
            factory.addDriver(new NodeOnlyDriver(), Map.of(HypervisorDriver.SCHEMES, "node",
                    HypervisorDriver.NAME, "node"), "bench");
            DirStorageBackend backend = new DirStorageBackend(new FileStateStores(work.resolve("state"),
                    work.resolve("run")).open(DirStorageBackend.AREA), "qemu-img");
            factory.addStorageBackend(backend, Map.of(StorageBackend.NAME, "storage-dir", StorageBackend.POOL_TYPES,
                    "dir"), "bench");
            conn = factory.open("node:///system");
            pool = conn.createStoragePool(poolXml("vl-bench", work.resolve("pool")), StoragePoolBuildFlag.NO_OVERWRITE);
        }

        @Override
        public void createRaw(String name, long capacity) {
            pool.createVolume(rawXml(name, capacity));
        }

        @Override
        public void createSparseRaw(String name, long capacity) {
            pool.createVolume(sparseRawXml(name, capacity));
        }

        @Override
        public void createQcow2(String name, long capacity) {
            pool.createVolume(qcow2Xml(name, capacity));
        }

        @Override
        public void overlay(String name, String base) {
            pool.createVolume(overlayXml(name, pool.lookupVolumeByName(base).path()));
        }

        @Override
        public void cloneOf(String name, String source) {
            pool.createVolumeFrom("<volume><name>" + name + "</name></volume>", pool.lookupVolumeByName(source));
        }

        @Override
        public void delete(String name) {
            pool.lookupVolumeByName(name).delete();
        }

        @Override
        public void upload(String name, Path file) throws IOException {
            StorageVolume v = pool.lookupVolumeByName(name);
            try (InputStream in = Files.newInputStream(file)) {
                v.upload(in, 0, 0);
            }
        }

        @Override
        public void download(String name, Path file) throws IOException {
            StorageVolume v = pool.lookupVolumeByName(name);
            try (OutputStream out = Files.newOutputStream(file)) {
                v.download(out, 0, 0);
            }
        }

        @Override
        public String path(String name) {
            return pool.lookupVolumeByName(name).path();
        }

        @Override
        public void close() {
            pool.destroy();
            conn.close();
            factory.deactivate();
        }
    }

    static final class Libvirt implements Side {
        private final String uri;
        private final Connect conn;
        private final StoragePool pool;

        Libvirt(String uri, Path work) throws Exception {
            this.uri = uri;
            conn = new Connect(uri);
            // VIR_STORAGE_POOL_CREATE_WITH_BUILD
            pool = conn.storagePoolCreateXML(poolXml("lv-bench", work.resolve("pool")), 1);
        }

        @Override
        public void createRaw(String name, long capacity) throws Exception {
            pool.storageVolCreateXML(rawXml(name, capacity), 0).free();
        }

        @Override
        public void createSparseRaw(String name, long capacity) throws Exception {
            pool.storageVolCreateXML(sparseRawXml(name, capacity), 0).free();
        }

        @Override
        public void createQcow2(String name, long capacity) throws Exception {
            pool.storageVolCreateXML(qcow2Xml(name, capacity), 0).free();
        }

        @Override
        public void overlay(String name, String base) throws Exception {
            pool.storageVolCreateXML(overlayXml(name, path(base)), 0).free();
        }

        @Override
        public void cloneOf(String name, String source) throws Exception {
            StorageVol src = pool.storageVolLookupByName(source);
            // as virsh vol-clone does: the source's XML with the new name
            String xml = src.getXMLDesc(0).replaceFirst("<name>[^<]*</name>", "<name>" + name + "</name>");
            pool.storageVolCreateXMLFrom(xml, src, 0).free();
            src.free();
        }

        @Override
        public void delete(String name) throws Exception {
            StorageVol v = pool.storageVolLookupByName(name);
            v.delete(0);
            v.free();
        }

        @Override
        public void upload(String name, Path file) {
            virsh("vol-upload", "--pool", "lv-bench", name, file.toString());
        }

        @Override
        public void download(String name, Path file) {
            virsh("vol-download", "--pool", "lv-bench", name, file.toString());
        }

        @Override
        public String path(String name) throws Exception {
            StorageVol v = pool.storageVolLookupByName(name);
            String p = v.getPath();
            v.free();
            return p;
        }

        private void virsh(String... args) {
            List<String> cmd = new ArrayList<>(List.of("virsh", "-q", "-c", uri));
            cmd.addAll(List.of(args));
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws Exception {
            pool.destroy();
            pool.free();
            conn.close();
        }
    }

    interface Step {
        void run(int i) throws Exception;
    }

    private static double msPerOp(int n, Step step) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            step.run(i);
        }
        return (System.nanoTime() - t0) / 1e6 / n;
    }

    /** Mean milliseconds per operation, in this order: raw, qcow2, overlay, clone, delete. */
    static double[] volumes(Side s, String prefix, int n, int clones) throws Exception {
        double raw = msPerOp(n, i -> s.createRaw(prefix + "raw" + i, 64 * MIB));
        double qcow2 = msPerOp(n, i -> s.createQcow2(prefix + "q" + i + ".qcow2", 1L << 30));
        double overlay = msPerOp(n, i -> s.overlay(prefix + "o" + i + ".qcow2", prefix + "raw0"));
        double clone = msPerOp(clones, i -> s.cloneOf(prefix + "c" + i, "src"));
        double delete = msPerOp(3 * n, i -> s.delete(i < n ? prefix + "o" + i + ".qcow2" : i < 2 * n ? prefix + "q"
                + (i - n) + ".qcow2" : prefix + "raw" + (i - 2 * n)));
        for (int i = 0; i < clones; i++) {
            s.delete(prefix + "c" + i);
        }
        return new double[] {raw, qcow2, overlay, clone, delete};
    }

    /** MiB/s up and down, median of three, through a volume as large as the file. */
    static double[] streams(Side s, String prefix, Path file, Path back) throws Exception {
        long size = Files.size(file);
        s.createSparseRaw(prefix + "stream", size);
        double[] up = new double[3];
        double[] down = new double[3];
        for (int r = 0; r < 3; r++) {
            long t0 = System.nanoTime();
            s.upload(prefix + "stream", file);
            up[r] = size / (double) MIB / ((System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            s.download(prefix + "stream", back);
            down[r] = size / (double) MIB / ((System.nanoTime() - t0) / 1e9);
            if (Files.mismatch(file, back) != -1) {
                throw new IllegalStateException("the downloaded copy differs from the upload");
            }
        }
        s.delete(prefix + "stream");
        Arrays.sort(up);
        Arrays.sort(down);
        return new double[] {up[1], down[1]};
    }

    private static double median(List<double[]> rounds, int op) {
        double[] a = rounds.stream().mapToDouble(r -> r[op]).toArray();
        Arrays.sort(a);
        return a[a.length / 2];
    }

    private static void print(String op, int n, String unit, double ours, double theirs) {
        System.out.printf(Locale.ROOT, "op=%s n=%d virtlayer_%s=%.2f libvirt_%s=%.2f ratio=%.2f%n", op, n, unit, ours,
                unit, theirs, unit.equals("ms") ? theirs / ours : ours / theirs);
    }

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        Path work = Files.createDirectories(Path.of(args[1]));
        int n = Integer.getInteger("bench.volumes", 100);
        int clones = Integer.getInteger("bench.clones", 20);
        long streamMiB = Long.getLong("bench.streamMiB", 512);
        System.out.println("# machine: " + Machine.describe());
        System.out.println("# file system of " + work + ": " + Files.getFileStore(work).type());

        Path file = work.resolve("stream.bin");
        byte[] block = new byte[(int) MIB];
        Random random = new Random(1);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long i = 0; i < streamMiB; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        Path src = work.resolve("src.bin");
        try (InputStream in = Files.newInputStream(file); OutputStream out = Files.newOutputStream(src)) {
            out.write(in.readNBytes((int) (16 * MIB)));
        }
        try (Side v = new Virtlayer(work.resolve("virtlayer")); Side l = new Libvirt(uri, work.resolve("libvirt"))) {
            for (Side s : List.of(v, l)) {
                // the clone source: 16 MiB of data in a 64 MiB raw volume; then a warm-up round
                s.createRaw("src", 64 * MIB);
                s.upload("src", src);
                volumes(s, "warm-", 10, 2);
            }
            // rounds alternate between the sides so that a busy neighbour on the machine costs both alike; the
            // median round counts
            int rounds = Integer.getInteger("bench.rounds", 3);
            List<double[]> ours = new ArrayList<>();
            List<double[]> theirs = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                ours.add(volumes(v, "r" + r + "-", n, clones));
                theirs.add(volumes(l, "r" + r + "-", n, clones));
            }
            String[] ops = {"create_raw_64MiB", "create_qcow2_1GiB", "create_qcow2_overlay", "clone_16MiB_data",
                "delete"};
            int[] counts = {n, n, n, clones, 3 * n};
            for (int i = 0; i < ops.length; i++) {
                print(ops[i], counts[i] * rounds, "ms", median(ours, i), median(theirs, i));
            }
            double[] ourStreams = streams(v, "v", file, work.resolve("back-v.bin"));
            double[] theirStreams = streams(l, "l", file, work.resolve("back-l.bin"));
            print("upload_" + streamMiB + "MiB", 3, "MiB_s", ourStreams[0], theirStreams[0]);
            print("download_" + streamMiB + "MiB", 3, "MiB_s", ourStreams[1], theirStreams[1]);
            v.delete("src");
            l.delete("src");
        }
    }
}
