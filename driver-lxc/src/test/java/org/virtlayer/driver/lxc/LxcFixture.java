package org.virtlayer.driver.lxc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
import org.virtlayer.driver.lxc.internal.LxcDriver;
import org.virtlayer.driver.lxc.internal.node.LxcNode;
import org.virtlayer.linux.Cgroup;
import org.virtlayer.linux.CgroupLayout;
import org.virtlayer.linux.LinuxException;
import org.virtlayer.spi.HypervisorDriver;

/**
 * The real core outside OSGi with the LXC driver added as its service would be, on state folders of its own under
 * /tmp (readable by a user namespace's root, which the containers of the idmap test are). {@link #restartDriver()} is
 * a bundle refresh: the driver deactivated (its containers left running) and a new one activated on the same folders.
 */
public final class LxcFixture implements AutoCloseable {
    public static final String CGROUP_ROOT = "virtlayer-lxc-test";

    public final Path root;
    public final FileStateStores stores;
    public final ConnectionFactoryImpl factory;
    private final LxcNode.NodeConfig config;
    private LxcDriver driver;

    public LxcFixture() throws IOException {
        this(LxcNode.NodeConfig.defaults(CGROUP_ROOT));
    }

    /** A driver with this configuration (its cgroup root should be {@link #CGROUP_ROOT}). */
    public LxcFixture(LxcNode.NodeConfig config) throws IOException {
        this(Files.createTempDirectory(Path.of("/tmp"), "vll-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"))), config);
    }

    public LxcFixture(Path root) {
        this(root, LxcNode.NodeConfig.defaults(CGROUP_ROOT));
    }

    private LxcFixture(Path root, LxcNode.NodeConfig config) {
        this.root = root;
        this.config = config;
        this.stores = new FileStateStores(root.resolve("state"), root.resolve("run"));
        this.factory = new ConnectionFactoryImpl(new LinuxHost(), 1000);
        this.driver = newDriver();
    }

    private LxcDriver newDriver() {
        LxcDriver d = new LxcDriver(stores, config, factory.nodeContext());
        factory.addDriver(d, Map.of(HypervisorDriver.SCHEMES, "lxc", HypervisorDriver.NAME, "lxc"),
                "org.virtlayer.driver.lxc/lxc");
        return d;
    }

    public LxcDriver driver() {
        return driver;
    }

    /** The driver's component deactivated and activated again, as a bundle refresh does. */
    public void restartDriver() {
        factory.removeDriver(driver);
        driver.deactivate();
        driver = newDriver();
    }

    /** Destroys every container still running (a failed test leaves none behind), then stops the driver. */
    @Override
    public void close() throws IOException {
        try (Connection c = factory.open("lxc:///system")) {
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
        try {
            // the tests' parent cgroup, once no container of any test is left in it
            Cgroup.of(CgroupLayout.detect(), CGROUP_ROOT).remove();
        } catch (LinuxException e) {
            // another fixture's containers still run
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    public Path file(String name) {
        return root.resolve(name);
    }

    /** A domain's log. */
    public Path log(String name) {
        return root.resolve("state/lxc/log/" + name + ".log");
    }

    /** The run folder of a running container. */
    public Path runDir(UUID uuid) {
        return root.resolve("run/lxc/run/" + uuid.toString().replace("-", ""));
    }

    /** The host PIDs of a running container's supervisor, init and console keeper, from its runtime status. */
    public int[] pids(UUID uuid) throws IOException {
        String status = Files.readString(runDir(uuid).resolve("status.xml"));
        return new int[] {attr(status, "supervisor"), attr(status, "init"), attr(status, "console")};
    }

    /** The host PID of a running container's init. */
    public int initPid(UUID uuid) throws IOException {
        return pids(uuid)[1];
    }

    private static int attr(String status, String name) {
        Matcher m = Pattern.compile(name + "='(-?\\d+):").matcher(status);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + status);
        }
        return Integer.parseInt(m.group(1));
    }

    /** The cgroup folder of a container in one v1 hierarchy (or the unified one). */
    public static Path cgroupDir(String controller, String name, UUID uuid) {
        String leaf = CGROUP_ROOT + "/lxc-" + name + "-" + uuid.toString().substring(0, 8);
        Path v1 = Path.of("/sys/fs/cgroup", controller);
        return Files.isDirectory(v1) ? v1.resolve(leaf) : Path.of("/sys/fs/cgroup").resolve(leaf);
    }

    /** The output of a command run on the host. */
    public static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor() != 0) {
            throw new AssertionError(cmd + " failed: " + out);
        }
        return out;
    }
}
