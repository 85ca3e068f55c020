package org.virtlayer.core.internal.host;

import java.util.BitSet;

/**
 * Where one logical CPU sits, from /sys/devices/system/cpu/cpuN/topology: its package (socket), die and core, and
 * the CPUs that share its core (itself included).
 */
record LogicalCpu(int id, int socketId, int dieId, int coreId, BitSet siblings) {
    LogicalCpu {
        siblings = (BitSet) siblings.clone();
    }

    @Override
    public BitSet siblings() {
        return (BitSet) siblings.clone();
    }

    int threadCount() {
        return siblings.cardinality();
    }

    /**
     * Reads a CPU's topology with libvirt's defaults for what is missing: an absent or negative package or die id
     * (architectures without them write -1) is 0, an absent core id is 0, and absent siblings mean the CPU is alone
     * on its core. s390 has no core ids worth reading: each logical CPU is its own core there.
     */
    static LogicalCpu read(HostFiles files, int id, String arch) {
        String dir = HostFiles.CPU_DIR + "/cpu" + id + "/topology/";
        int socket = nonNegativeInt(files, dir + "physical_package_id");
        int die = nonNegativeInt(files, dir + "die_id");
        int core = Architecture.isS390(arch) ? id : nonNegativeInt(files, dir + "core_id");
        BitSet siblings = CpuList.parse(files.readLine(dir + "thread_siblings_list"));
        if (siblings.isEmpty()) {
            siblings.set(id);
        }
        return new LogicalCpu(id, socket, die, core, siblings);
    }

    private static int nonNegativeInt(HostFiles files, String path) {
        long v = files.readLong(path).orElse(0);
        return v < 0 || v > Integer.MAX_VALUE ? 0 : (int) v;
    }
}
