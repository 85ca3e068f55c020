package org.virtlayer.core.internal.host;

import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The processor part of {@code virsh nodeinfo}: online CPUs, NUMA nodes, and sockets per node, cores per socket and
 * threads per core, counted the way libvirt counts them so that both report the same numbers for the same host.
 *
 * <p>The counting, per NUMA node: sockets are the distinct package ids of the node's online CPUs, cores the largest
 * number of distinct core ids in one of those sockets, threads the largest sibling set. Across nodes the largest
 * values win. When sysfs has no NUMA nodes, all CPUs form one node.
 *
 * <p>nodeinfo can only describe a uniform machine. When the product nodes x sockets x cores x threads is not the
 * number of CPUs (present ones, offline included), the detected shape is wrong for this structure (machines that
 * hide their nodes, cores reported as threads...), and libvirt then reports 1 node, 1 socket, one core per CPU and
 * 1 thread, telling users to read the capabilities for the real topology. So do we.
 */
record ProcessorCounts(int cpus, int nodes, int sockets, int cores, int threads) {

    static ProcessorCounts probe(HostFiles files, String arch, CpuInfo cpuInfo) {
        CpuSets sets = CpuSets.read(files);

        SortedSet<Integer> nodeIds = files.numberedEntries(HostFiles.NODE_DIR, "node");
        if (!nodeIds.isEmpty()) {
            Tally total = new Tally();
            int nodes = 0;
            for (int node : nodeIds) {
                nodes++;
                total.mergeMax(Tally.of(files, arch, sets, NumaCells.nodeMemberCpus(files, node)));
            }
            if (total.processors > 0 && nodes > 0) {
                return fitOrFlatten(total.processors, nodes, total);
            }
        }

        // No NUMA sysfs (or nodes without CPUs): the whole machine is one node.
        Set<Integer> all = new HashSet<>(files.numberedEntries(HostFiles.CPU_DIR, "cpu"));
        Tally whole = Tally.of(files, arch, sets, all);
        if (whole.processors > 0 && whole.sockets > 0 && whole.threads > 0) {
            return fitOrFlatten(whole.processors, 1, whole);
        }

        // Not even per-CPU directories: count what the online list or cpuinfo knows and assume nothing more.
        int cpus = sets.online().isEmpty() ? Math.max(1, cpuInfo.processorCount()) : sets.online().cardinality();
        return new ProcessorCounts(cpus, 1, 1, cpus, 1);
    }

    private static ProcessorCounts fitOrFlatten(int cpus, int nodes, Tally t) {
        int sockets = Math.max(1, t.sockets);
        int cores = Math.max(1, t.cores);
        int threads = Math.max(1, t.threads);
        long product = (long) nodes * sockets * cores * threads;
        if (product != cpus + t.offline) {
            return new ProcessorCounts(cpus, 1, 1, cpus + t.offline, 1);
        }
        return new ProcessorCounts(cpus, nodes, sockets, cores, threads);
    }

    /** What one node (or the whole machine) contributes. */
    private static final class Tally {
        int processors;
        int offline;
        int sockets;
        int cores;
        int threads;

        static Tally of(HostFiles files, String arch, CpuSets sets, Set<Integer> members) {
            Tally t = new Tally();
            Map<Integer, Set<Integer>> coresBySocket = new HashMap<>();
            for (int cpu : new TreeSet<>(members)) {
                if (!sets.isPresent(cpu)) {
                    continue;
                }
                if (!sets.isOnline(cpu)) {
                    t.offline++;
                    continue;
                }
                t.processors++;
                LogicalCpu lc = LogicalCpu.read(files, cpu, arch);
                coresBySocket.computeIfAbsent(lc.socketId(), s -> new HashSet<>()).add(lc.coreId());
                t.threads = Math.max(t.threads, lc.threadCount());
            }
            t.sockets = coresBySocket.size();
            for (Set<Integer> cores : coresBySocket.values()) {
                t.cores = Math.max(t.cores, cores.size());
            }
            return t;
        }

        void mergeMax(Tally node) {
            processors += node.processors;
            offline += node.offline;
            sockets = Math.max(sockets, node.sockets);
            cores = Math.max(cores, node.cores);
            threads = Math.max(threads, node.threads);
        }
    }

    /** The present and online CPU sets; an unreadable set means "no restriction" rather than "no CPU". */
    record CpuSets(BitSet present, BitSet online) {
        static CpuSets read(HostFiles files) {
            BitSet present = CpuList.parse(files.readLine(HostFiles.CPU_DIR + "/present"));
            BitSet online = CpuList.parse(files.readLine(HostFiles.CPU_DIR + "/online"));
            return new CpuSets(present, online);
        }

        boolean isPresent(int cpu) {
            return present.isEmpty() || present.get(cpu);
        }

        boolean isOnline(int cpu) {
            return online.isEmpty() || online.get(cpu);
        }
    }
}
