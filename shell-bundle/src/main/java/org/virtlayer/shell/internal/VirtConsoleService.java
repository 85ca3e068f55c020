package org.virtlayer.shell.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ConnectionFactory;
import org.virtlayer.api.DriverInfo;

/** The {@link VirtConsole} service behind the virt: commands, configured by PID {@code org.virtlayer.shell}. */
@Component(service = VirtConsole.class, configurationPid = "org.virtlayer.shell")
@Designate(ocd = ShellConfig.class)
public final class VirtConsoleService implements VirtConsole {
    private final ConnectionFactory factory;
    private final ConnectionCache connections;
    private final String version;
    private volatile String defaultUri;

    @Activate
    public VirtConsoleService(@Reference ConnectionFactory factory, ShellConfig config, BundleContext context) {
        this(factory, config.uri(), versionText(context.getBundle().getVersion()));
    }

    /** A console outside OSGi, for tests. */
    public VirtConsoleService(ConnectionFactory factory, String defaultUri, String version) {
        this.factory = factory;
        this.connections = new ConnectionCache(factory);
        this.version = version;
        this.defaultUri = defaultUri.strip();
    }

    @Modified
    void modified(ShellConfig config) {
        defaultUri = config.uri().strip();
    }

    @Deactivate
    public void close() {
        connections.closeAll();
    }

    @Override
    public String defaultUri() {
        return defaultUri;
    }

    @Override
    public Connection connection(String uri) {
        return connections.get(uri);
    }

    @Override
    public List<String> knownUris() {
        Set<String> uris = new LinkedHashSet<>();
        uris.add(defaultUri);
        uris.addAll(connections.uris());
        for (DriverInfo d : drivers()) {
            if (d.kind() == DriverInfo.Kind.HYPERVISOR) {
                d.serves().forEach(scheme -> uris.addAll(WellKnownUris.of(scheme)));
            }
        }
        return List.copyOf(uris);
    }

    @Override
    public List<DriverInfo> drivers() {
        return factory.drivers();
    }

    @Override
    public String version() {
        return version;
    }

    private static String versionText(Version v) {
        return v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
    }
}
