package org.virtlayer.core.internal.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a fake /proc + /sys + /etc under a temporary folder, laid out as the kernel lays them out. */
final class FixtureTree {
    final Path root;

    FixtureTree(Path root) {
        this.root = root;
    }

    FixtureTree write(String relative, String content) {
        try {
            Path p = root.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.write(p, content.getBytes(StandardCharsets.UTF_8));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FixtureTree dir(String relative) {
        try {
            Files.createDirectories(root.resolve(relative));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** cpuN with its topology files. */
    FixtureTree cpu(int id, int socket, int die, int core, String siblings) {
        String dir = "sys/devices/system/cpu/cpu" + id + "/topology/";
        return write(dir + "physical_package_id", socket + "\n")
                .write(dir + "die_id", die + "\n")
                .write(dir + "core_id", core + "\n")
                .write(dir + "thread_siblings_list", siblings + "\n");
    }

    FixtureTree cpus(String online, String present) {
        return write("sys/devices/system/cpu/online", online + "\n").write("sys/devices/system/cpu/present",
                present + "\n");
    }

    /** nodeN with cpulist, meminfo, distance and cpuK links to the CPU directories, as sysfs has them. */
    FixtureTree node(int id, String cpulist, long memTotalKiB, long memFreeKiB, String distance) {
        String dir = "sys/devices/system/node/node" + id;
        write(dir + "/cpulist", cpulist + "\n");
        write(dir + "/distance", distance + "\n");
        write(dir + "/meminfo", String.format(
                "Node %d MemTotal:       %d kB%nNode %d MemFree:        %d kB%nNode %d MemUsed:        %d kB%n", id,
                memTotalKiB, id, memFreeKiB, id, memTotalKiB - memFreeKiB));
        CpuList.parse(cpulist).stream().forEach(cpu -> {
            Path link = root.resolve(dir + "/cpu" + cpu);
            if (Files.isSymbolicLink(link)) {
                return; // the node is being rewritten with new memory figures
            }
            try {
                Files.createSymbolicLink(link, Path.of("../../cpu/cpu" + cpu));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return this;
    }

    FixtureTree nodeHugePages(int node, long sizeKiB, long count) {
        return write("sys/devices/system/node/node" + node + "/hugepages/hugepages-" + sizeKiB + "kB/nr_hugepages",
                count + "\n");
    }

    FixtureTree hostHugePages(long sizeKiB, long count) {
        return write("sys/kernel/mm/hugepages/hugepages-" + sizeKiB + "kB/nr_hugepages", count + "\n");
    }

    FixtureTree l3Cache(int cpu, int id, String size, String sharedCpus) {
        String dir = "sys/devices/system/cpu/cpu" + cpu + "/cache/index3/";
        return write(dir + "level", "3\n").write(dir + "id", id + "\n").write(dir + "type", "Unified\n")
                .write(dir + "size", size + "\n").write(dir + "shared_cpu_list", sharedCpus + "\n");
    }

    FixtureTree meminfo(long totalKiB, long freeKiB) {
        return write("proc/meminfo", String.format("MemTotal:       %d kB%nMemFree:        %d kB%n"
                + "MemAvailable:   %d kB%nBuffers:            1000 kB%nHugePages_Total:       0%n", totalKiB, freeKiB,
                freeKiB + 1000));
    }

    /** An x86 /proc/cpuinfo with one block per processor. */
    FixtureTree x86CpuInfo(int processors, String vendor, int family, int model, int stepping, String microcode,
            String mhz, String flags, String addressSizes) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < processors; i++) {
            b.append("processor\t: ").append(i).append('\n')
                    .append("vendor_id\t: ").append(vendor).append('\n')
                    .append("cpu family\t: ").append(family).append('\n')
                    .append("model\t\t: ").append(model).append('\n')
                    .append("model name\t: Fixture CPU @ 2.10GHz\n")
                    .append("stepping\t: ").append(stepping).append('\n')
                    .append("microcode\t: ").append(microcode).append('\n')
                    .append("cpu MHz\t\t: ").append(mhz).append('\n')
                    .append("flags\t\t: ").append(flags).append('\n')
                    .append("address sizes\t: ").append(addressSizes).append('\n')
                    .append('\n');
        }
        return write("proc/cpuinfo", b.toString());
    }
}
