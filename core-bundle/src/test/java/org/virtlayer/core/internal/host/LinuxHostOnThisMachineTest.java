package org.virtlayer.core.internal.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.virtlayer.api.NodeInfo;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * LinuxHost on the real /proc and /sys of the machine running the tests, checked against values this test reads
 * itself with plain file reads and regular expressions (not with the classes under test).
 */
@EnabledOnOs(OS.LINUX)
class LinuxHostOnThisMachineTest {
    private static LinuxHost host;

    @BeforeAll
    static void probe() {
        host = new LinuxHost();
    }

    @Test
    void onlineCpusAreTheKernelsOnlineList() throws IOException {
        assertThat(host.nodeInfo().cpus()).isEqualTo(countCpuList("/sys/devices/system/cpu/online"));
    }

    @Test
    void shapeMultipliesToThePresentCpusAsLibvirtRequires() throws IOException {
        // either the detected shape fits all present CPUs, or libvirt's flat fallback (1 x 1 x present x 1) does
        NodeInfo info = host.nodeInfo();
        long product = (long) info.numaCells() * info.sockets() * info.cores() * info.threads();
        assertThat(product).as("%s", info).isEqualTo(countCpuList("/sys/devices/system/cpu/present"));
        assertThat(info.model()).isEqualTo(expectedArch());
    }

    @Test
    void memoryIsTheNodesTotalOrMemTotalWithoutNuma() throws IOException {
        long memTotal = kib(Files.readString(Path.of("/proc/meminfo")), "MemTotal");
        List<Path> nodes = nodeDirs();
        long expected;
        if (nodes.isEmpty()) {
            expected = memTotal;
        } else {
            expected = 0;
            for (Path node : nodes) {
                expected += kib(Files.readString(node.resolve("meminfo")), "MemTotal");
            }
        }

        assertThat(host.nodeInfo().memoryKiB()).isEqualTo(expected);
        // the nodes never hold more than the kernel manages in all (they may hold less: memory the kernel keeps
        // outside every node, or a /proc/meminfo that a sandbox rewrites, as on some CI machines)
        assertThat(host.nodeInfo().memoryKiB()).isPositive().isLessThanOrEqualTo(memTotal);
    }

    @Test
    void freeMemoryIsPositiveAndBelowTotal() {
        long free = host.freeMemory();
        assertThat(free).isPositive().isLessThanOrEqualTo(host.nodeInfo().memoryKiB() * 1024);

        List<Long> cells = host.cellsFreeMemory();
        assertThat(cells).hasSize(Math.max(1, nodeDirs().size())).allMatch(f -> f >= 0);
        long sum = cells.stream().mapToLong(Long::longValue).sum();
        // read at another instant: allow 256 MiB of churn between the two reads
        assertThat(sum).isBetween(free - (256L << 20), free + (256L << 20));
    }

    @Test
    void capabilitiesAreWellFormedAndListEachOnlineCpuInExactlyOneCell() throws Exception {
        String xml = host.hostCapabilitiesXml();
        Document doc = XmlChecks.parse(xml);

        Element topology = child(doc.getDocumentElement(), "topology");
        NodeList cells = topology.getElementsByTagName("cell");
        assertThat(cells.getLength()).isEqualTo(Math.max(1, nodeDirs().size()));

        Map<Integer, Integer> cellOfCpu = new HashMap<>();
        long cellMemory = 0;
        for (int i = 0; i < cells.getLength(); i++) {
            Element cell = (Element) cells.item(i);
            NodeList memory = cell.getElementsByTagName("memory");
            if (memory.getLength() > 0) {
                cellMemory += Long.parseLong(memory.item(0).getTextContent());
            }
            NodeList cpus = cell.getElementsByTagName("cpu");
            Element cpusElement = (Element) cell.getElementsByTagName("cpus").item(0);
            assertThat(Integer.parseInt(cpusElement.getAttribute("num"))).isEqualTo(cpus.getLength());
            for (int j = 0; j < cpus.getLength(); j++) {
                int id = Integer.parseInt(((Element) cpus.item(j)).getAttribute("id"));
                Integer previous = cellOfCpu.put(id, i);
                assertThat(previous).as("cpu %d listed twice", id).isNull();
            }
        }
        assertThat(cellOfCpu).hasSize(host.nodeInfo().cpus());
        assertThat(xml.split("<cpu id='", -1)).hasSize(host.nodeInfo().cpus() + 1);
        assertThat(cellMemory).isEqualTo(host.nodeInfo().memoryKiB());

        Element cpu = child(doc.getDocumentElement(), "cpu");
        assertThat(child(cpu, "arch").getTextContent()).isEqualTo(expectedArch());
    }

    @Test
    void hostCpuFeaturesAreTheKernelFlagsUnderLibvirtNames() throws IOException {
        String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
        String xml = host.hostCapabilitiesXml();
        if (cpuinfo.contains("\nflags\t\t: ") && expectedArch().equals("x86_64")) {
            assertThat(xml).contains("<model>kvm64</model>");
            if (cpuinfo.contains(" sse4_2")) {
                assertThat(xml).contains("<feature name='sse4.2'/>");
            }
            assertThat(xml).doesNotContain("<feature name='sse2'/>"); // part of kvm64
        }
    }

    @Test
    void hostnameIsTheKernelsHostname() throws IOException {
        assertThat(host.hostname()).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/hostname")).trim());
    }

    @Test
    void mhzIsCpuinfosClockWhenItHasOne() throws IOException {
        List<Integer> clocks = cpuinfoClocks();
        if (clocks.isEmpty() || !expectedArch().equals("x86_64")) {
            return;
        }
        int mhz = host.nodeInfo().mhz();
        clocks.addAll(cpuinfoClocks());
        // clocks move under frequency scaling: within what cpuinfo showed just before and just after, give or take
        int min = clocks.stream().mapToInt(Integer::intValue).min().getAsInt();
        int max = clocks.stream().mapToInt(Integer::intValue).max().getAsInt();
        assertThat(mhz).isBetween(min * 8 / 10, max * 12 / 10);
    }

    private static List<Integer> cpuinfoClocks() throws IOException {
        Matcher m = Pattern.compile("(?m)^cpu MHz\\s*:\\s*(\\d+)").matcher(Files.readString(Path.of("/proc/cpuinfo")));
        List<Integer> clocks = new ArrayList<>();
        while (m.find()) {
            clocks.add(Integer.parseInt(m.group(1)));
        }
        return clocks;
    }

    private static int countCpuList(String file) throws IOException {
        int count = 0;
        for (String range : Files.readString(Path.of(file)).trim().split(",")) {
            String[] ends = range.split("-");
            count += ends.length == 1 ? 1 : Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1;
        }
        return count;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && n.getNodeName().equals(name)) {
                return (Element) n;
            }
        }
        throw new AssertionError("<" + parent.getNodeName() + "> has no <" + name + ">");
    }

    private static String expectedArch() {
        String osArch = System.getProperty("os.arch");
        return osArch.equals("amd64") ? "x86_64" : osArch;
    }

    private static List<Path> nodeDirs() {
        Path dir = Path.of("/sys/devices/system/node");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("node\\d+")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long kib(String meminfo, String key) {
        Matcher m = Pattern.compile("(?m)^(?:Node \\d+ )?" + key + ":\\s+(\\d+) kB").matcher(meminfo);
        assertThat(m.find()).as(key).isTrue();
        return Long.parseLong(m.group(1));
    }
}
