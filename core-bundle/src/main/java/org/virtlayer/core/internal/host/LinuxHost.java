package org.virtlayer.core.internal.host;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Component;
import org.virtlayer.api.NodeInfo;
import org.virtlayer.spi.HostIntrospection;

/**
 * This Linux machine seen through /proc and /sys, answering as libvirt 9.0 answers for the same host:
 * {@code virsh nodeinfo}, {@code freecell} and the {@code <host>} of {@code virsh capabilities}.
 *
 * <p>What cannot change while the machine runs (architecture, processor model and features, CPU topology, NUMA
 * layout and distances, caches, page sizes, the host UUID) is read once, at construction. Memory totals and free
 * memory, huge page pools, the CPU clock and the hostname are read on each call.
 *
 * <p>Memory follows libvirt: when the kernel shows NUMA nodes, totals and free memory are the sums of the nodes'
 * {@code MemTotal} and {@code MemFree} (/sys/devices/system/node/nodeN/meminfo); without NUMA sysfs they are
 * /proc/meminfo's {@code MemTotal} and {@code MemFree}. Free memory never includes reclaimable caches.
 *
 * <p>No method throws because of what the files hold: missing or odd files give the documented fallbacks.
 */
@Component(service = HostIntrospection.class)
public final class LinuxHost implements HostIntrospection {
    private static final long KIB = 1024;

    private final HostFiles files;
    private final String arch;
    private final ProcessorCounts counts;
    private final HostCpu cpu;
    private final String uuid;
    private final long systemPageKiB;
    private final List<Long> hostPageSizesKiB;
    private final boolean iommu;
    private final boolean numa;
    private final List<CellLayout> cells;
    private final List<CacheBank> caches;

    /** The cached part of a cell: which CPUs it holds and how far the other cells are. */
    private record CellLayout(int id, List<LogicalCpu> cpus, Map<Integer, Integer> distances) {
    }

    /** The machine this JVM runs on. */
    public LinuxHost() {
        this(Path.of("/"));
    }

    /** A machine whose /proc, /sys and /etc are found under {@code root}: a fixture tree in tests. */
    public LinuxHost(Path root) {
        this.files = new HostFiles(root);
        this.arch = Architecture.detect(files);
        CpuInfo cpuInfo = CpuInfo.parse(files.read("proc/cpuinfo"));
        this.counts = ProcessorCounts.probe(files, arch, cpuInfo);
        this.cpu = HostCpu.describe(files, arch, cpuInfo, counts);
        this.uuid = HostUuid.read(files);
        this.systemPageKiB = HugePages.systemPageKiB(files, arch);
        TreeSet<Long> sizes = new TreeSet<>(HugePages.pools(files, HugePages.HOST_DIR).keySet());
        sizes.add(systemPageKiB);
        this.hostPageSizesKiB = List.copyOf(sizes);
        this.iommu = !files.list("sys/kernel/iommu_groups").isEmpty();
        BitSet online = CpuList.parse(files.readLine(HostFiles.CPU_DIR + "/online"));
        SortedSet<Integer> nodeIds = NumaCells.nodeIds(files);
        this.numa = !nodeIds.isEmpty();
        this.cells = numa ? numaLayout(nodeIds, online) : List.of(fakeLayout(online));
        this.caches = CacheBank.probe(files, online);
    }

    @Override
    public String hostname() {
        String name = files.readLine("proc/sys/kernel/hostname");
        if (name != null && !name.isEmpty()) {
            return name;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | SecurityException e) {
            return "localhost";
        }
    }

    @Override
    public NodeInfo nodeInfo() {
        return new NodeInfo(arch, memoryKiB(), counts.cpus(), mhz(), counts.nodes(), counts.sockets(),
                counts.cores(), counts.threads());
    }

    @Override
    public long freeMemory() {
        if (numa) {
            long sum = 0;
            for (CellLayout cell : cells) {
                sum += NumaCells.nodeMemInfo(files, cell.id()).get("MemFree").orElse(0);
            }
            if (sum > 0) {
                return sum * KIB;
            }
        }
        return hostMemInfo().get("MemFree").orElse(0) * KIB;
    }

    @Override
    public List<Long> cellsFreeMemory() {
        if (!numa) {
            return List.of(freeMemory());
        }
        List<Long> free = new ArrayList<>();
        for (CellLayout cell : cells) {
            free.add(NumaCells.nodeMemInfo(files, cell.id()).get("MemFree").orElse(0) * KIB);
        }
        return List.copyOf(free);
    }

    @Override
    public String arch() {
        return arch;
    }

    /**
     * The {@code <host>} element starting at column 0, children indented by two spaces per level, ending with a
     * newline. Embedded in a capabilities document it goes one level deeper.
     */
    @Override
    public String hostCapabilitiesXml() {
        List<NumaCell> report = new ArrayList<>();
        for (CellLayout cell : cells) {
            if (numa) {
                long memKiB = NumaCells.nodeMemInfo(files, cell.id()).get("MemTotal").orElse(0);
                report.add(new NumaCell(cell.id(), memKiB, cellPages(cell.id(), memKiB), cell.distances(),
                        cell.cpus()));
            } else {
                report.add(new NumaCell(cell.id(), memoryKiB(), new TreeMap<>(), Map.of(), cell.cpus()));
            }
        }
        return HostCapabilitiesFormatter.format(uuid, cpu, hostPageSizesKiB, iommu, report, caches);
    }

    /** Total memory in KiB: the NUMA nodes' sum, else /proc/meminfo's (see the class comment). */
    long memoryKiB() {
        if (numa) {
            long sum = 0;
            for (CellLayout cell : cells) {
                sum += NumaCells.nodeMemInfo(files, cell.id()).get("MemTotal").orElse(0);
            }
            if (sum > 0) {
                return sum;
            }
        }
        return hostMemInfo().get("MemTotal").orElse(0);
    }

    /**
     * The CPU clock as nodeinfo shows it: /proc/cpuinfo's per-architecture line (x86 "cpu MHz", integer part, last
     * processor's). Where cpuinfo has none (ARM, for which libvirt says 0) cpufreq's nominal maximum is used.
     */
    int mhz() {
        int mhz = CpuInfo.parse(files.read("proc/cpuinfo")).frequencyMhz(arch);
        if (mhz > 0) {
            return mhz;
        }
        for (int id : files.numberedEntries(HostFiles.CPU_DIR, "cpu")) {
            OptionalLong khz = files.readLong(HostFiles.CPU_DIR + "/cpu" + id + "/cpufreq/cpuinfo_max_freq");
            if (khz.isPresent() && khz.getAsLong() > 0) {
                return (int) Math.min(Integer.MAX_VALUE, khz.getAsLong() / 1000);
            }
        }
        return 0;
    }

    private MemInfo hostMemInfo() {
        return MemInfo.parse(files.read("proc/meminfo"));
    }

    /**
     * A cell's page pools: its huge page pools, and the system pages making up the rest of its memory. The kernel
     * counts huge pages as used memory inside MemTotal, so they are subtracted before dividing, as libvirt does.
     */
    private SortedMap<Long, Long> cellPages(int node, long memKiB) {
        SortedMap<Long, Long> pages = new TreeMap<>(HugePages.pools(files, HugePages.nodeDir(node)));
        long hugeKiB = 0;
        for (Map.Entry<Long, Long> pool : pages.entrySet()) {
            hugeKiB += pool.getKey() * pool.getValue();
        }
        pages.put(systemPageKiB, Math.max(0, memKiB - hugeKiB) / systemPageKiB);
        return pages;
    }

    private List<CellLayout> numaLayout(SortedSet<Integer> nodeIds, BitSet online) {
        List<Integer> ids = NumaCells.asList(nodeIds);
        List<CellLayout> layout = new ArrayList<>();
        for (int node : ids) {
            BitSet cpus = NumaCells.cellCpus(files, node, online);
            layout.add(new CellLayout(node, readCpus(cpus), NumaCells.distances(files, node, ids)));
        }
        return List.copyOf(layout);
    }

    /**
     * Without NUMA sysfs the host is one cell 0 with every online CPU. Each CPU's place is read from its sysfs
     * topology; only when even the per-CPU directories are missing is it made up from the counts (ids in order,
     * threads of a core consecutive), which is how libvirt builds this cell in every case.
     */
    private CellLayout fakeLayout(BitSet online) {
        BitSet cpus = (BitSet) online.clone();
        if (cpus.isEmpty()) {
            files.numberedEntries(HostFiles.CPU_DIR, "cpu").forEach(cpus::set);
        }
        if (!cpus.isEmpty()) {
            return new CellLayout(0, readCpus(cpus), Map.of());
        }
        List<LogicalCpu> made = new ArrayList<>();
        int id = 0;
        for (int s = 0; s < counts.sockets(); s++) {
            for (int c = 0; c < counts.cores(); c++) {
                BitSet siblings = new BitSet();
                siblings.set(id, id + counts.threads());
                for (int t = 0; t < counts.threads(); t++) {
                    made.add(new LogicalCpu(id++, s, 0, c, siblings));
                }
            }
        }
        return new CellLayout(0, made, Map.of());
    }

    private List<LogicalCpu> readCpus(BitSet ids) {
        List<LogicalCpu> list = new ArrayList<>();
        for (int id = ids.nextSetBit(0); id >= 0; id = ids.nextSetBit(id + 1)) {
            list.add(LogicalCpu.read(files, id, arch));
        }
        return List.copyOf(list);
    }
}
