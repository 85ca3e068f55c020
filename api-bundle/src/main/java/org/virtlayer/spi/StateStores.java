package org.virtlayer.spi;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An OSGi service of the core: hands each driver or backend its {@link StateStore}. Folders come from the core's
 * configuration (PID {@code org.virtlayer.core}: {@code stateDirectory}, {@code runtimeDirectory}).
 */
@ProviderType
public interface StateStores {
    /**
     * The store of one area, e.g. {@code qemu/system}, {@code lxc}, {@code network}: persistent files under
     * {@code stateDirectory/area}, runtime files under {@code runtimeDirectory/area}.
     */
    StateStore open(String area);
}
