package org.virtlayer.shell.internal.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.virtlayer.shell.internal.TestConsole;

/** The node commands print what virsh 9.0 prints for test:///default. */
class NodeQueriesTest {
    private final TestConsole console = new TestConsole();
    private final NodeQueries node = new NodeQueries(console.conn());

    @AfterEach
    void close() {
        console.close();
    }

    @Test
    void nodeinfoIsVirshs() {
        assertThat(node.nodeinfo()).isEqualTo("""
                CPU model:           i686
                CPU(s):              16
                CPU frequency:       1400 MHz
                CPU socket(s):       2
                Core(s) per socket:  2
                Thread(s) per core:  2
                NUMA cell(s):        2
                Memory size:         3145728 KiB
                """);
    }

    @Test
    void freecellIsVirshs() {
        assertThat(node.freecell(null, false)).isEqualTo("Total: 3072 KiB\n");
        assertThat(node.freecell(null, true)).isEqualTo("""
                    0:       2048 KiB
                    1:       4096 KiB
                --------------------
                Total:       6144 KiB
                """);
        assertThat(node.freecell(1, false)).isEqualTo("1: 4096 KiB\n");
    }

    @Test
    void freecellRejectsACellTheNodeLacks() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> node.freecell(7, false))
                .hasMessage("invalid cell number 7: the node has cells 0 to 1");
    }

    @Test
    void versionNamesTheHypervisorAndVirtlayer() {
        assertThat(node.version("0.1.0")).isEqualTo("""
                Compiled against library: virtlayer 0.1.0
                Using library: virtlayer 0.1.0
                Using API: TEST 0.1.0
                Running hypervisor: TEST 0.0.2
                """);
    }

    @Test
    void uriAndHostname() {
        assertThat(node.uri()).isEqualTo("test:///default");
        assertThat(node.hostname()).isNotBlank();
        assertThat(node.capabilities()).startsWith("<capabilities>");
    }
}
