package org.virtlayer.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.karaf.shell.support.table.ShellTable;
import org.virtlayer.api.Connection;
import org.virtlayer.core.internal.ConnectionFactoryImpl;
import org.virtlayer.core.internal.host.LinuxHost;
import org.virtlayer.driver.test.internal.TestDriver;
import org.virtlayer.spi.HypervisorDriver;

/** The console service outside OSGi: the real core with libvirt's test driver added as its service would be. */
public final class TestConsole implements AutoCloseable {
    public final ConnectionFactoryImpl factory = new ConnectionFactoryImpl(new LinuxHost(), 1000);
    public final VirtConsoleService console = new VirtConsoleService(factory, "test:///default", "0.1.0");
    private TestDriver driver;

    public TestConsole() {
        addDriver();
    }

    public void addDriver() {
        driver = new TestDriver();
        factory.addDriver(driver, Map.of(HypervisorDriver.SCHEMES, "test", HypervisorDriver.NAME, "test",
                HypervisorDriver.NONBLOCKING, Boolean.TRUE), "org.virtlayer.driver.test/0.1.0");
    }

    /** What uninstalling the driver bundle does to the core. */
    public void removeDriver() {
        factory.removeDriver(driver);
    }

    public Connection conn() {
        return console.connection(console.defaultUri());
    }

    @Override
    public void close() {
        console.close();
        factory.deactivate();
    }

    /** A table as the console prints it; ASCII borders, since a test's stream has no terminal encoding. */
    public static String render(ShellTable table, boolean format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        table.print(out, format);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * The rows of {@code --no-format} output with each cell's padding removed: Karaf pads cells to their column's
     * width even without borders.
     */
    public static String rows(ShellTable table) {
        StringBuilder out = new StringBuilder();
        render(table, false).lines().forEach(line -> {
            String[] cells = line.split("\t", -1);
            for (int i = 0; i < cells.length; i++) {
                out.append(i == 0 ? "" : "\t").append(cells[i].strip());
            }
            out.append('\n');
        });
        return out.toString();
    }
}
