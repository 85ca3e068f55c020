package org.virtlayer.core.internal.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.virtlayer.api.NodeInfo;

/**
 * Side by side with a running libvirt on the same machine, when one is given:
 * {@code VIRTLAYER_LIBVIRT_URI="qemu:///system?socket=/tmp/peer/run/libvirt/libvirt-sock"} (see the peer start
 * script in shared/peer). Skipped otherwise: the build must not need a libvirt daemon.
 */
@EnabledIfEnvironmentVariable(named = "VIRTLAYER_LIBVIRT_URI", matches = ".+")
class LinuxHostAgainstLibvirtTest {
    private final LinuxHost host = new LinuxHost();

    @Test
    void nodeinfoIsLibvirts() throws Exception {
        String out = virsh("nodeinfo");
        NodeInfo theirs = new NodeInfo(field(out, "CPU model"), Long.parseLong(field(out, "Memory size").split(" ")[0]),
                Integer.parseInt(field(out, "CPU\\(s\\)")), Integer.parseInt(field(out, "CPU frequency").split(" ")[0]),
                Integer.parseInt(field(out, "NUMA cell\\(s\\)")), Integer.parseInt(field(out, "CPU socket\\(s\\)")),
                Integer.parseInt(field(out, "Core\\(s\\) per socket")),
                Integer.parseInt(field(out, "Thread\\(s\\) per core")));

        assertThat(host.nodeInfo()).isEqualTo(theirs);
    }

    @Test
    void freeMemoryPerCellIsLibvirtsWithinChurn() throws Exception {
        Matcher m = Pattern.compile("(?m)^\\s*(\\d+):\\s+(\\d+) KiB").matcher(virsh("freecell", "--all"));
        List<Long> theirs = new ArrayList<>();
        while (m.find()) {
            theirs.add(Long.parseLong(m.group(2)) * 1024);
        }
        List<Long> ours = host.cellsFreeMemory();

        assertThat(ours).hasSameSizeAs(theirs);
        for (int i = 0; i < ours.size(); i++) {
            assertThat(ours.get(i)).isBetween(theirs.get(i) - (64L << 20), theirs.get(i) + (64L << 20));
        }
    }

    /**
     * The same {@code <host>}, but for what is deliberately not ours: the UUID (libvirt makes a random one when
     * firmware has none), and the driver's migration features and security models.
     */
    @Test
    void capabilitiesHostIsLibvirtsButForDriverParts() throws Exception {
        String caps = virsh("capabilities");
        String theirs = caps.substring(caps.indexOf("  <host>"), caps.indexOf("  </host>") + "  </host>\n".length())
                .replaceAll("(?m)^  ", "");
        theirs = theirs.replaceAll("(?s)\\n *<migration_features>.*?</migration_features>", "")
                .replaceAll("(?s)\\n *<secmodel>.*?</secmodel>", "")
                .replaceAll("<uuid>[^<]*</uuid>", "<uuid/>");
        String ours = host.hostCapabilitiesXml().replaceAll("<uuid>[^<]*</uuid>", "<uuid/>");

        assertThat(ours).isEqualTo(theirs);
    }

    private static String field(String out, String label) {
        Matcher m = Pattern.compile("(?m)^" + label + ":\\s+(.+)$").matcher(out);
        assertThat(m.find()).as(label).isTrue();
        return m.group(1).trim();
    }

    private static String virsh(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("virsh", "-c", System.getenv("VIRTLAYER_LIBVIRT_URI")));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }
}
