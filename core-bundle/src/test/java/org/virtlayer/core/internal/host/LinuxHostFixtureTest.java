package org.virtlayer.core.internal.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.api.NodeInfo;
import org.w3c.dom.Document;

class LinuxHostFixtureTest {
    private static final String INTEL_FLAGS = "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36"
            + " clflush dts acpi mmx fxsr sse sse2 ss ht tm pbe syscall nx pdpe1gb rdtscp lm constant_tsc"
            + " arch_perfmon rep_good nopl xtopology nonstop_tsc cpuid pni pclmulqdq dtes64 monitor ds_cpl vmx smx"
            + " est tm2 ssse3 fma cx16 xtpr pdcm pcid dca sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes"
            + " xsave avx f16c rdrand lahf_lm abm 3dnowprefetch ibrs ibpb stibp fsgsbase tsc_adjust bmi1 avx2 smep"
            + " bmi2 erms invpcid avx512f md_clear arch_capabilities xsaveopt";

    @TempDir
    Path tmp;

    /** Two sockets, each its own NUMA node, 2 cores x 2 threads per socket; huge pages on node 0. */
    private FixtureTree twoNodeMachine() {
        FixtureTree t = new FixtureTree(tmp)
                .write("proc/sys/kernel/arch", "x86_64\n")
                .write("proc/sys/kernel/hostname", "fixture-host\n")
                .write("sys/class/dmi/id/product_uuid", "4C4C4544-0042-3510-8051-B7C04F4B4D32\n")
                .write("etc/machine-id", "0123456789abcdef0123456789abcdef\n")
                .dir("sys/kernel/iommu_groups/0")
                .dir("dev").write("dev/kvm", "")
                .x86CpuInfo(8, "GenuineIntel", 6, 85, 7, "0xb000040", "2100.000", INTEL_FLAGS,
                        "46 bits physical, 48 bits virtual")
                // /proc/meminfo disagrees with the nodes on purpose: with NUMA, the nodes' figures are the answer
                .meminfo(16800000, 6000000)
                .cpus("0-7", "0-7");
        for (int cpu = 0; cpu < 8; cpu++) {
            int socket = cpu / 4;
            int core = (cpu % 4) / 2;
            int first = cpu - cpu % 2;
            t.cpu(cpu, socket, 0, core, first + "-" + (first + 1));
            t.l3Cache(cpu, socket, "16384K", socket == 0 ? "0-3" : "4-7");
        }
        t.node(0, "0-3", 8388608, 4194304, "10 21").node(1, "4-7", 8388608, 2097152, "21 10");
        t.hostHugePages(2048, 512).hostHugePages(1048576, 1);
        t.nodeHugePages(0, 2048, 512).nodeHugePages(0, 1048576, 1);
        t.nodeHugePages(1, 2048, 0).nodeHugePages(1, 1048576, 0);
        return t;
    }

    @Test
    void twoNodeMachineCountsSocketsPerNodeAsLibvirtDoes() {
        LinuxHost host = new LinuxHost(twoNodeMachine().root);

        // libvirt's nodeinfo counts sockets per NUMA node: 2 nodes x 1 socket x 2 cores x 2 threads = 8
        assertThat(host.nodeInfo()).isEqualTo(new NodeInfo("x86_64", 16777216, 8, 2100, 2, 1, 2, 2));
        assertThat(host.arch()).isEqualTo("x86_64");
        assertThat(host.hostname()).isEqualTo("fixture-host");
    }

    @Test
    void twoNodeMachineFreeMemoryIsTheNodesMemFree() {
        LinuxHost host = new LinuxHost(twoNodeMachine().root);

        assertThat(host.cellsFreeMemory()).containsExactly(4194304L * 1024, 2097152L * 1024);
        assertThat(host.freeMemory()).isEqualTo((4194304L + 2097152L) * 1024);
    }

    @Test
    void freeMemoryIsReadAgainOnEachCall() {
        FixtureTree t = twoNodeMachine();
        LinuxHost host = new LinuxHost(t.root);
        long before = host.freeMemory();

        t.node(0, "0-3", 8388608, 1048576, "10 21");

        assertThat(host.freeMemory()).isNotEqualTo(before).isEqualTo((1048576L + 2097152L) * 1024);
    }

    @Test
    void twoNodeMachineCapabilitiesHostMatchesLibvirtsLayout() throws Exception {
        String xml = new LinuxHost(twoNodeMachine().root).hostCapabilitiesXml();

        assertThat(xml).isEqualTo(String.join("\n",
                "<host>",
                "  <uuid>4c4c4544-0042-3510-8051-b7c04f4b4d32</uuid>",
                "  <cpu>",
                "    <arch>x86_64</arch>",
                "    <model>kvm64</model>",
                "    <vendor>Intel</vendor>",
                "    <microcode version='184549440'/>",
                "    <signature family='6' model='85' stepping='7'/>",
                "    <counter name='tsc' frequency='2100000000' scaling='no'/>",
                "    <topology sockets='1' dies='1' cores='2' threads='2'/>",
                "    <maxphysaddr mode='emulate' bits='46'/>",
                "    <feature name='vme'/>",
                "    <feature name='ds'/>",
                "    <feature name='acpi'/>",
                "    <feature name='ss'/>",
                "    <feature name='ht'/>",
                "    <feature name='tm'/>",
                "    <feature name='pbe'/>",
                "    <feature name='pclmuldq'/>",
                "    <feature name='dtes64'/>",
                "    <feature name='monitor'/>",
                "    <feature name='ds_cpl'/>",
                "    <feature name='vmx'/>",
                "    <feature name='smx'/>",
                "    <feature name='est'/>",
                "    <feature name='tm2'/>",
                "    <feature name='ssse3'/>",
                "    <feature name='fma'/>",
                "    <feature name='xtpr'/>",
                "    <feature name='pdcm'/>",
                "    <feature name='pcid'/>",
                "    <feature name='dca'/>",
                "    <feature name='sse4.1'/>",
                "    <feature name='sse4.2'/>",
                "    <feature name='x2apic'/>",
                "    <feature name='movbe'/>",
                "    <feature name='popcnt'/>",
                "    <feature name='tsc-deadline'/>",
                "    <feature name='aes'/>",
                "    <feature name='xsave'/>",
                "    <feature name='osxsave'/>",
                "    <feature name='avx'/>",
                "    <feature name='f16c'/>",
                "    <feature name='rdrand'/>",
                "    <feature name='fsgsbase'/>",
                "    <feature name='tsc_adjust'/>",
                "    <feature name='bmi1'/>",
                "    <feature name='avx2'/>",
                "    <feature name='smep'/>",
                "    <feature name='bmi2'/>",
                "    <feature name='erms'/>",
                "    <feature name='invpcid'/>",
                "    <feature name='avx512f'/>",
                "    <feature name='md-clear'/>",
                "    <feature name='arch-capabilities'/>",
                "    <feature name='xsaveopt'/>",
                "    <feature name='pdpe1gb'/>",
                "    <feature name='rdtscp'/>",
                "    <feature name='lahf_lm'/>",
                "    <feature name='abm'/>",
                "    <feature name='3dnowprefetch'/>",
                "    <feature name='invtsc'/>",
                "    <pages unit='KiB' size='4'/>",
                "    <pages unit='KiB' size='2048'/>",
                "    <pages unit='KiB' size='1048576'/>",
                "  </cpu>",
                "  <power_management/>",
                "  <iommu support='yes'/>",
                "  <topology>",
                "    <cells num='2'>",
                "      <cell id='0'>",
                "        <memory unit='KiB'>8388608</memory>",
                // 8 GiB less 1 GiB of 2 MiB pages and one 1 GiB page, in 4 KiB pages
                "        <pages unit='KiB' size='4'>1572864</pages>",
                "        <pages unit='KiB' size='2048'>512</pages>",
                "        <pages unit='KiB' size='1048576'>1</pages>",
                "        <distances>",
                "          <sibling id='0' value='10'/>",
                "          <sibling id='1' value='21'/>",
                "        </distances>",
                "        <cpus num='4'>",
                "          <cpu id='0' socket_id='0' die_id='0' core_id='0' siblings='0-1'/>",
                "          <cpu id='1' socket_id='0' die_id='0' core_id='0' siblings='0-1'/>",
                "          <cpu id='2' socket_id='0' die_id='0' core_id='1' siblings='2-3'/>",
                "          <cpu id='3' socket_id='0' die_id='0' core_id='1' siblings='2-3'/>",
                "        </cpus>",
                "      </cell>",
                "      <cell id='1'>",
                "        <memory unit='KiB'>8388608</memory>",
                "        <pages unit='KiB' size='4'>2097152</pages>",
                "        <pages unit='KiB' size='2048'>0</pages>",
                "        <pages unit='KiB' size='1048576'>0</pages>",
                "        <distances>",
                "          <sibling id='0' value='21'/>",
                "          <sibling id='1' value='10'/>",
                "        </distances>",
                "        <cpus num='4'>",
                "          <cpu id='4' socket_id='1' die_id='0' core_id='0' siblings='4-5'/>",
                "          <cpu id='5' socket_id='1' die_id='0' core_id='0' siblings='4-5'/>",
                "          <cpu id='6' socket_id='1' die_id='0' core_id='1' siblings='6-7'/>",
                "          <cpu id='7' socket_id='1' die_id='0' core_id='1' siblings='6-7'/>",
                "        </cpus>",
                "      </cell>",
                "    </cells>",
                "  </topology>",
                "  <cache>",
                "    <bank id='0' level='3' type='both' size='16' unit='MiB' cpus='0-3'/>",
                "    <bank id='1' level='3' type='both' size='16' unit='MiB' cpus='4-7'/>",
                "  </cache>",
                "</host>",
                ""));
        XmlChecks.parse(xml);
    }

    /** A kernel without NUMA: no /sys/devices/system/node at all. aarch64, whose cpuinfo has no clock. */
    private FixtureTree machineWithoutNuma() {
        FixtureTree t = new FixtureTree(tmp)
                .write("proc/sys/kernel/arch", "aarch64\n")
                .write("etc/machine-id", "0123456789ABCDEF0123456789abcdef\n")
                .write("proc/cpuinfo", "processor\t: 0\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd evtstrm\n\n"
                        + "processor\t: 1\nBogoMIPS\t: 50.00\n\nprocessor\t: 2\n\nprocessor\t: 3\n\n")
                .meminfo(2000000, 1500000)
                .cpus("0-3", "0-3");
        // two cores with two threads each, numbered as many firmwares do: thread siblings 0,2 and 1,3
        t.cpu(0, 0, 0, 0, "0,2").cpu(1, 0, 0, 1, "1,3").cpu(2, 0, 0, 0, "0,2").cpu(3, 0, 0, 1, "1,3");
        t.write("sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq", "1800000\n");
        return t;
    }

    @Test
    void machineWithoutNumaIsOneCellHoldingEverything() throws Exception {
        LinuxHost host = new LinuxHost(machineWithoutNuma().root);

        assertThat(host.nodeInfo()).isEqualTo(new NodeInfo("aarch64", 2000000, 4, 1800, 1, 1, 2, 2));
        assertThat(host.freeMemory()).isEqualTo(1500000L * 1024);
        assertThat(host.cellsFreeMemory()).containsExactly(1500000L * 1024);

        String xml = host.hostCapabilitiesXml();
        assertThat(xml).isEqualTo(String.join("\n",
                "<host>",
                "  <uuid>01234567-89ab-cdef-0123-456789abcdef</uuid>",
                "  <cpu>",
                "    <arch>aarch64</arch>",
                "    <topology sockets='1' dies='1' cores='2' threads='2'/>",
                "    <pages unit='KiB' size='4'/>",
                "  </cpu>",
                "  <power_management/>",
                "  <iommu support='no'/>",
                "  <topology>",
                "    <cells num='1'>",
                "      <cell id='0'>",
                "        <memory unit='KiB'>2000000</memory>",
                "        <cpus num='4'>",
                "          <cpu id='0' socket_id='0' die_id='0' core_id='0' siblings='0,2'/>",
                "          <cpu id='1' socket_id='0' die_id='0' core_id='1' siblings='1,3'/>",
                "          <cpu id='2' socket_id='0' die_id='0' core_id='0' siblings='0,2'/>",
                "          <cpu id='3' socket_id='0' die_id='0' core_id='1' siblings='1,3'/>",
                "        </cpus>",
                "      </cell>",
                "    </cells>",
                "  </topology>",
                "</host>",
                ""));
        XmlChecks.parse(xml);
    }

    @Test
    void topologyThatDoesNotFitIsFlattenedLikeLibvirt() {
        // node 0: 2 cores x 2 threads; node 1: 2 cores x 1 thread. Largest values give 2 x 1 x 2 x 2 = 8, but there
        // are 6 CPUs: libvirt then reports 1 node, 1 socket, 6 cores, 1 thread.
        FixtureTree t = new FixtureTree(tmp)
                .write("proc/sys/kernel/arch", "x86_64\n")
                .x86CpuInfo(6, "AuthenticAMD", 23, 1, 2, "0x8001250", "3000.000", "fpu lm", "48 bits physical")
                .meminfo(4096000, 1024000)
                .cpus("0-5", "0-5");
        t.cpu(0, 0, 0, 0, "0-1").cpu(1, 0, 0, 0, "0-1").cpu(2, 0, 0, 1, "2-3").cpu(3, 0, 0, 1, "2-3");
        t.cpu(4, 1, 0, 0, "4").cpu(5, 1, 0, 1, "5");
        t.node(0, "0-3", 2048000, 512000, "10 16").node(1, "4-5", 2048000, 512000, "16 10");

        LinuxHost host = new LinuxHost(t.root);

        assertThat(host.nodeInfo()).isEqualTo(new NodeInfo("x86_64", 4096000, 6, 3000, 1, 1, 6, 1));
        // the capabilities keep the real cells: that is where libvirt tells users to look
        String xml = host.hostCapabilitiesXml();
        assertThat(xml).contains("<topology sockets='1' dies='1' cores='6' threads='1'/>", "<cells num='2'>",
                "<cpu id='4' socket_id='1' die_id='0' core_id='0' siblings='4'/>");
        // a CPU lacking the kvm64 baseline gets no model, only its features
        assertThat(xml).doesNotContain("<model>");
    }

    @Test
    void offlineCpusCountInTheShapeButNotAsCpus() {
        // 4 CPUs present, CPU 3 offline: 1 socket x 2 cores x 2 threads = 3 online + 1 offline, which fits.
        FixtureTree t = new FixtureTree(tmp)
                .write("proc/sys/kernel/arch", "x86_64\n")
                .meminfo(1000000, 500000)
                .cpus("0-2", "0-3");
        t.cpu(0, 0, 0, 0, "0-1").cpu(1, 0, 0, 0, "0-1").cpu(2, 0, 0, 1, "2").dir("sys/devices/system/cpu/cpu3");
        t.node(0, "0-2", 1000000, 500000, "10");
        t.write("sys/devices/system/node/node0/cpu3", "");

        LinuxHost host = new LinuxHost(t.root);

        NodeInfo info = host.nodeInfo();
        assertThat(info.cpus()).isEqualTo(3);
        assertThat(List.of(info.numaCells(), info.sockets(), info.cores(), info.threads()))
                .containsExactly(1, 1, 2, 2);
        assertThat(host.hostCapabilitiesXml()).contains("<cpus num='3'>").doesNotContain("<cpu id='3'");
    }

    @Test
    void emptyRootGivesSensibleDefaultsAndWellFormedXml() throws Exception {
        LinuxHost host = new LinuxHost(tmp);

        NodeInfo info = host.nodeInfo();
        assertThat(info.cpus()).isEqualTo(1);
        assertThat(List.of(info.numaCells(), info.sockets(), info.cores(), info.threads()))
                .containsExactly(1, 1, 1, 1);
        assertThat(info.memoryKiB()).isZero();
        assertThat(host.freeMemory()).isZero();
        assertThat(host.cellsFreeMemory()).containsExactly(0L);
        assertThat(host.hostname()).isNotBlank();
        Document doc = XmlChecks.parse(host.hostCapabilitiesXml());
        assertThat(doc.getElementsByTagName("cell").getLength()).isEqualTo(1);
    }

    @Test
    void garbageInTheFilesDoesNotThrow() throws Exception {
        FixtureTree t = new FixtureTree(tmp)
                .write("proc/sys/kernel/arch", "x86_64\n")
                .write("proc/cpuinfo", "\u0000\u00ff garbage :: : \ncpu MHz : fast\nflags\n\nprocessor : x\n")
                .write("proc/meminfo", "MemTotal: lots kB\nMemFree:\n:::\n")
                .write("sys/devices/system/cpu/online", "0-,x,4-2,99999999999\n")
                .write("sys/devices/system/cpu/present", "\n")
                .write("sys/devices/system/cpu/cpu0/topology/physical_package_id", "-1\n")
                .write("sys/devices/system/cpu/cpu0/topology/core_id", "zero\n")
                .write("sys/devices/system/cpu/cpu0/topology/thread_siblings_list", "\n")
                .write("sys/devices/system/cpu/cpu0/cache/index3/level", "3\n")
                .write("sys/devices/system/cpu/cpu0/cache/index3/size", "hugeK\n")
                .write("sys/devices/system/node/node0/distance", "ten\n")
                .write("sys/devices/system/node/node0/meminfo", "Node 0\nNode x MemTotal: 12 kB\n")
                .write("sys/kernel/mm/hugepages/hugepages-abckB/nr_hugepages", "many\n")
                .write("sys/class/dmi/id/product_uuid", "00000000-0000-0000-0000-000000000000\n")
                .dir("sys/devices/system/node/node1");

        assertThatCode(() -> {
            LinuxHost host = new LinuxHost(t.root);
            host.nodeInfo();
            host.freeMemory();
            host.cellsFreeMemory();
            host.hostname();
            XmlChecks.parse(host.hostCapabilitiesXml());
        }).doesNotThrowAnyException();
        LinuxHost host = new LinuxHost(t.root);
        assertThat(host.nodeInfo().cpus()).isPositive();
        // an all-zero firmware UUID identifies nothing: another UUID is used
        assertThat(host.hostCapabilitiesXml()).doesNotContain("00000000-0000-0000-0000-000000000000");
    }
}
