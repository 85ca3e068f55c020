package org.virtlayer.core.internal.state;

import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.virtlayer.api.VirtException;
import org.virtlayer.core.internal.CoreConfig;
import org.virtlayer.spi.StateStore;
import org.virtlayer.spi.StateStores;

/**
 * The {@link StateStores} service: each area gets {@code stateDirectory/area} and {@code runtimeDirectory/area}. The
 * defaults are libvirt's system folders when writable, else per-user ones as libvirt's session mode uses.
 */
@Component(service = StateStores.class, configurationPid = "org.virtlayer.core",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class FileStateStores implements StateStores {
    private volatile Path stateRoot;
    private volatile Path runtimeRoot;

    public FileStateStores() {
    }

    /** For tests and embedders outside OSGi. */
    public FileStateStores(Path stateRoot, Path runtimeRoot) {
        this.stateRoot = stateRoot;
        this.runtimeRoot = runtimeRoot;
    }

    @Activate
    @Modified
    void configure(CoreConfig config) {
        stateRoot = choose(config.stateDirectory(), Path.of("/var/lib/virtlayer"),
                Path.of(System.getProperty("user.home"), ".local", "share", "virtlayer"));
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        runtimeRoot = choose(config.runtimeDirectory(), Path.of("/run/virtlayer"),
                xdg != null ? Path.of(xdg, "virtlayer") : Path.of(System.getProperty("user.home"), ".cache",
                        "virtlayer", "run"));
    }

    private static Path choose(String configured, Path system, Path user) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip());
        }
        Path parent = system.getParent();
        return Files.isWritable(system) || (!Files.exists(system) && Files.isWritable(parent)) ? system : user;
    }

    @Override
    public StateStore open(String area) {
        if (area == null || area.isBlank()) {
            throw VirtException.invalidArg("state area must be named");
        }
        return new FileStateStore(FileStateStore.inside(stateRoot, area), FileStateStore.inside(runtimeRoot, area));
    }
}
