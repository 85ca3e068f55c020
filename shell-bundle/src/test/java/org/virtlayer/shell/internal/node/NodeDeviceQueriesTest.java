package org.virtlayer.shell.internal.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.DriverInfo;
import org.virtlayer.shell.internal.TestConsole;

class NodeDeviceQueriesTest {
    private final TestConsole console = new TestConsole();
    private final NodeDeviceQueries devices = new NodeDeviceQueries(console.conn());

    @AfterEach
    void close() {
        console.close();
    }

    @Test
    void listsSortedNamesAndDumpsOne() {
        String names = devices.list(null);
        assertThat(names.lines().toList()).contains("computer").isSorted();
        assertThat(devices.dumpxml("computer")).contains("<name>computer</name>");
        assertThatThrownBy(() -> devices.dumpxml("nope")).hasMessage("Could not find matching device 'nope': Node"
                + " device not found: no node device with matching name 'nope'");
    }

    @Test
    void driverTableShowsKindNameSchemesAndBundle() {
        assertThat(TestConsole.rows(DriverTable.of(console.console.drivers())))
                .isEqualTo("hypervisor\ttest\ttest://\torg.virtlayer.driver.test/0.1.0\n");
        assertThat(TestConsole.render(DriverTable.of(List.<DriverInfo>of()), true))
                .endsWith("no driver or backend is installed\n");
    }
}
