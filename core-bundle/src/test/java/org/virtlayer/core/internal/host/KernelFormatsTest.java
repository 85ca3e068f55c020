package org.virtlayer.core.internal.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The small parsers and formatters, on the shapes the kernel and libvirt write. */
class KernelFormatsTest {
    @Test
    void cpuListsRoundTripInTheKernelsForm() {
        BitSet set = CpuList.parse("0-3,8,10-11\n");
        assertThat(set.stream().boxed().toList()).containsExactly(0, 1, 2, 3, 8, 10, 11);
        assertThat(CpuList.format(set)).isEqualTo("0-3,8,10-11");
        assertThat(CpuList.format(CpuList.parse("0,2"))).isEqualTo("0,2");
    }

    @Test
    void malformedCpuListItemsAreSkippedNotFatal() {
        assertThat(CpuList.parse("x,3,5-4,-1,7-,9").stream().boxed().toList()).containsExactly(3, 9);
        assertThat(CpuList.parse("0-4294967296").isEmpty()).isTrue();
        assertThat(CpuList.parse(null).isEmpty()).isTrue();
    }

    @Test
    void meminfoReadsHostAndNodeFiles() {
        assertThat(MemInfo.parse("MemTotal:       24684084 kB\nHugePages_Total:       0\n").get("MemTotal"))
                .hasValue(24684084);
        MemInfo node = MemInfo.parse("Node 1 MemTotal:        4942028 kB\nNode 1 MemFree:         4420520 kB\n");
        assertThat(node.get("MemFree")).hasValue(4420520);
        assertThat(node.get("Active")).isEmpty();
    }

    @Test
    void frequencyIsTheLastMatchingLinesIntegerPart() {
        CpuInfo info = CpuInfo.parse("processor\t: 0\ncpu MHz\t\t: 2596.138\n\nprocessor\t: 1\n"
                + "cpu MHz\t\t: 1800.999\ncpu MHz static : 5000\n");
        assertThat(info.frequencyMhz("x86_64")).isEqualTo(1800);
        assertThat(info.frequencyMhz("aarch64")).isZero();
        assertThat(CpuInfo.parse("cpu MHz dynamic : 5200\ncpu MHz static : 5200\n").frequencyMhz("s390x"))
                .isEqualTo(5200);
        assertThat(info.processorCount()).isEqualTo(2);
    }

    @Test
    void x86FeaturesUseLibvirtNamesAndCpuidOrder() {
        List<String> names = X86Features.of(Set.of("nonstop_tsc", "sse4_2", "pclmulqdq", "xsave", "vme", "lm",
                "constant_tsc", "rep_good"));
        assertThat(names).containsExactly("vme", "pclmuldq", "sse4.2", "xsave", "osxsave", "lm", "invtsc");
    }

    @Test
    void cacheSizesUseTheLargestExactUnit() {
        assertThat(CacheBank.sizeBytes("32768K")).isEqualTo(32L << 20);
        assertThat(CacheBank.prettySize(32L << 20)).containsExactly("32", "MiB");
        assertThat(CacheBank.prettySize(1536L << 10)).containsExactly("1536", "KiB");
        assertThat(CacheBank.sizeBytes("lots")).isNegative();
    }

    @Test
    void xmlAttributesAndTextAreEscaped() {
        String xml = new IndentedXml().open("a", "x", "it's <&>").text("b", "\"q\"").close("a").toString();
        assertThat(xml).isEqualTo("<a x='it&apos;s &lt;&amp;&gt;'>\n  <b>&quot;q&quot;</b>\n</a>\n");
    }
}
