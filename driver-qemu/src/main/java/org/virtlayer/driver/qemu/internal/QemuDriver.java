package org.virtlayer.driver.qemu.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.driver.qemu.internal.caps.CapsCache;
import org.virtlayer.driver.qemu.internal.node.QemuNode;
import org.virtlayer.driver.qemu.internal.qmp.MonitorLoop;
import org.virtlayer.linux.ProcessWatcher;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.HypervisorConnection;
import org.virtlayer.spi.HypervisorDriver;
import org.virtlayer.spi.OpenRequest;
import org.virtlayer.spi.StateStore;
import org.virtlayer.spi.StateStores;

/**
 * The QEMU driver: {@code qemu:///system} (state under the core's {@code qemu/system} area) and
 * {@code qemu:///session} (one area per user, {@code qemu/session/USER}). On activation it loads the definitions,
 * finds every QEMU still running from an earlier activation or JVM, and starts the autostart domains (through the
 * core's node context, as no connection exists then); on deactivation it lets go of its QEMUs without stopping them.
 * Calls may block (QMP round trips, process exits), so the core runs them under its timeouts.
 */
@Component(service = HypervisorDriver.class, configurationPid = "org.virtlayer.driver.qemu",
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = {
            HypervisorDriver.SCHEMES + "=qemu",
            HypervisorDriver.NAME + "=qemu"
        })
@Designate(ocd = QemuDriverConfig.class)
public final class QemuDriver implements HypervisorDriver {
    private final StateStores stores;
    private final DriverContext nodeContext;
    private final QemuNode.NodeConfig config;
    private final ProcessWatcher watcher;
    private final MonitorLoop loop;
    private final CapsCache caps;
    private final Map<String, QemuNode> nodes = new ConcurrentHashMap<>();
    private final String user = System.getProperty("user.name", "user");
    private final Thread autostart;

    /**
     * @param nodeContext the core's node-level context: the node's network and storage backends, for what the driver
     *     does on its own (autostart here, a guest's ports released when it ends, whoever is connected)
     */
    @Activate
    public QemuDriver(@Reference StateStores stores,
            @Reference(target = "(virtlayer.context=node)") DriverContext nodeContext, QemuDriverConfig config) {
        this(stores, new QemuNode.NodeConfig(config.destroyGraceSeconds() * 1000, config.cgroupRoot(),
                config.monitorTimeoutSeconds() * 1000), nodeContext);
    }

    /**
     * A driver outside OSGi (tests, benchmarks), given the core's node context ({@code ConnectionFactoryImpl
     * .nodeContext()}); {@link #deactivate()} is its bundle stopping.
     */
    public QemuDriver(StateStores stores, QemuNode.NodeConfig config, DriverContext nodeContext) {
        this.stores = stores;
        this.nodeContext = nodeContext;
        this.config = config;
        this.watcher = new ProcessWatcher("virtlayer-qemu-exits");
        this.loop = new MonitorLoop("virtlayer-qemu-qmp");
        this.caps = new CapsCache(stores.open("qemu/caps"), loop, watcher);
        List<QemuNode> found = new java.util.ArrayList<>();
        found.add(node("/system"));
        StateStore session = stores.open(sessionArea());
        if (!session.listRuntime("run", "").isEmpty() || !session.list("autostart", "").isEmpty()) {
            found.add(node("/session"));
        }
        autostart = new Thread(() -> found.forEach(QemuNode::autostart), "virtlayer-qemu-autostart");
        autostart.setDaemon(true);
        autostart.start();
    }

    private String sessionArea() {
        return "qemu/session/" + user;
    }

    /** The node of a URI path, created (definitions loaded, running QEMUs found again) on first use. */
    private QemuNode node(String path) {
        return nodes.computeIfAbsent(path, p -> {
            boolean system = p.equals("/system");
            QemuNode n = new QemuNode(system ? "qemu:///system" : "qemu:///session", system,
                    stores.open(system ? "qemu/system" : sessionArea()), caps, watcher, loop, config, nodeContext);
            n.load();
            return n;
        });
    }

    @Override
    public HypervisorConnection open(OpenRequest request, DriverContext context) {
        String path = request.uri().path();
        if (!path.equals("/system") && !path.equals("/session")) {
            throw new VirtException(ErrorCode.NO_CONNECT, "no connection driver available for " + request.uri()
                    + ": the QEMU driver opens qemu:///system or qemu:///session");
        }
        return new QemuConnection(node(path), context);
    }

    /** Lets go of every QEMU (they keep running) and stops the driver's threads. */
    @Deactivate
    public void deactivate() {
        autostart.interrupt();
        try {
            autostart.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        nodes.values().forEach(QemuNode::close);
        nodes.clear();
        watcher.close();
        loop.close();
    }
}
