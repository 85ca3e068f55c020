package org.virtlayer.driver.lxc.internal;

import java.nio.file.Path;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.driver.lxc.internal.node.LxcNode;
import org.virtlayer.linux.ProcessWatcher;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.HypervisorConnection;
import org.virtlayer.spi.HypervisorDriver;
import org.virtlayer.spi.OpenRequest;
import org.virtlayer.spi.StateStores;

/**
 * The LXC driver: {@code lxc:///system} and {@code lxc:///}, one node (state under the core's {@code lxc} area). On
 * activation it loads the definitions, finds every container still running from an earlier activation or JVM, and
 * starts the autostart domains (through the core's node context, as no connection exists then); on deactivation it
 * lets go of its containers without stopping them. Calls may block (a container's setup, its end), so the core runs
 * them under its timeouts.
 */
@Component(service = HypervisorDriver.class, configurationPid = "org.virtlayer.driver.lxc",
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = {
            HypervisorDriver.SCHEMES + "=lxc",
            HypervisorDriver.NAME + "=lxc"
        })
@Designate(ocd = LxcDriverConfig.class)
public final class LxcDriver implements HypervisorDriver {
    private final ProcessWatcher watcher;
    private final LxcNode node;
    private final Thread autostart;

    /**
     * @param nodeContext the core's node-level context: the node's network backend, for what the driver does on its
     *     own (autostart here, a container's ports released when it ends, whoever is connected)
     */
    @Activate
    public LxcDriver(@Reference StateStores stores,
            @Reference(target = "(virtlayer.context=node)") DriverContext nodeContext, LxcDriverConfig config) {
        this(stores, new LxcNode.NodeConfig(config.cgroupRoot(), config.busybox().isBlank()
                ? LxcNode.NodeConfig.findBusybox() : Path.of(config.busybox()), config.startTimeoutSeconds() * 1000,
                config.networkNamespace().isBlank() ? null : config.networkNamespace()), nodeContext);
    }

    /**
     * A driver outside OSGi (tests, benchmarks), given the core's node context ({@code ConnectionFactoryImpl
     * .nodeContext()}); {@link #deactivate()} is its bundle stopping.
     */
    public LxcDriver(StateStores stores, LxcNode.NodeConfig config, DriverContext nodeContext) {
        this.watcher = new ProcessWatcher("virtlayer-lxc-exits");
        this.node = new LxcNode(stores.open("lxc"), watcher, config, nodeContext);
        node.load();
        autostart = new Thread(node::autostart, "virtlayer-lxc-autostart");
        autostart.setDaemon(true);
        autostart.start();
    }

    @Override
    public HypervisorConnection open(OpenRequest request, DriverContext context) {
        String path = request.uri().path();
        if (!path.equals("/system") && !path.equals("/")) {
            throw new VirtException(ErrorCode.NO_CONNECT, "no connection driver available for " + request.uri()
                    + ": the LXC driver opens lxc:///system or lxc:///");
        }
        return new LxcConnection(node, context);
    }

    /** Lets go of every container (they keep running) and stops the driver's threads. */
    @Deactivate
    public void deactivate() {
        autostart.interrupt();
        try {
            autostart.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        node.close();
        watcher.close();
    }
}
