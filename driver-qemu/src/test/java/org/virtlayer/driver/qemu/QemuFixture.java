package org.virtlayer.driver.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainListFlag;
import org.virtlayer.api.VirtException;
import org.virtlayer.core.internal.ConnectionFactoryImpl;
import org.virtlayer.core.internal.host.LinuxHost;
import org.virtlayer.core.internal.state.FileStateStores;
import org.virtlayer.driver.qemu.internal.QemuDriver;
import org.virtlayer.driver.qemu.internal.node.QemuNode;
import org.virtlayer.spi.HypervisorDriver;

/**
 * The real core outside OSGi with the QEMU driver added as its service would be, on state folders of its own (short
 * paths under /tmp: UNIX socket paths are limited to 107 bytes). {@link #restartDriver()} is a bundle refresh: the
 * driver deactivated (its QEMUs left running) and a new one activated on the same folders.
 */
public final class QemuFixture implements AutoCloseable {
    public static final QemuNode.NodeConfig CONFIG = new QemuNode.NodeConfig(10_000, "virtlayer-test", 30_000);

    public final Path root;
    public final FileStateStores stores;
    public final ConnectionFactoryImpl factory;
    private QemuDriver driver;

    public QemuFixture() throws IOException {
        this(Files.createTempDirectory(Path.of("/tmp"), "vlq-"));
    }

    public QemuFixture(Path root) {
        this.root = root;
        this.stores = new FileStateStores(root.resolve("state"), root.resolve("run"));
        this.factory = new ConnectionFactoryImpl(new LinuxHost(), 1000);
        this.driver = newDriver();
    }

    private QemuDriver newDriver() {
        QemuDriver d = new QemuDriver(stores, CONFIG, factory.nodeContext());
        factory.addDriver(d, Map.of(HypervisorDriver.SCHEMES, "qemu", HypervisorDriver.NAME, "qemu"),
                "org.virtlayer.driver.qemu/qemu");
        return d;
    }

    public QemuDriver driver() {
        return driver;
    }

    /** The driver's component deactivated and activated again, as a bundle refresh does. */
    public void restartDriver() {
        factory.removeDriver(driver);
        driver.deactivate();
        driver = newDriver();
    }

    /** Destroys every domain still running (a failed test leaves no QEMU behind), then stops the driver. */
    @Override
    public void close() throws IOException {
        try (Connection c = factory.open("qemu:///system")) {
            for (Domain d : c.listDomains(DomainListFlag.ACTIVE)) {
                try {
                    d.destroy();
                } catch (VirtException e) {
                    // gone meanwhile
                }
            }
        } catch (VirtException e) {
            // the driver is gone: nothing to destroy through it
        }
        factory.removeDriver(driver);
        driver.deactivate();
        factory.deactivate();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    public Path file(String name) {
        return root.resolve(name);
    }

    /** The runtime folder of a running domain of qemu:///system. */
    public Path runDir(UUID uuid) {
        return root.resolve("run/qemu/system/run/" + uuid.toString().replace("-", ""));
    }

    /** The PID of a running domain's QEMU, from its runtime status. */
    public int pid(UUID uuid) throws IOException {
        String status = Files.readString(runDir(uuid).resolve("status.json"));
        Matcher m = Pattern.compile("\"pid\":(\\d+)").matcher(status);
        if (!m.find()) {
            throw new AssertionError("no pid in " + status);
        }
        return Integer.parseInt(m.group(1));
    }

    /** The command line of a process, arguments split. */
    public static List<String> cmdline(int pid) throws IOException {
        return List.of(Files.readString(Path.of("/proc/" + pid + "/cmdline")).split("\0"));
    }
}
