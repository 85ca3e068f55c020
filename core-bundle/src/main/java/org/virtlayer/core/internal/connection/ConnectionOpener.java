package org.virtlayer.core.internal.connection;

import org.virtlayer.api.ConnectUri;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.core.internal.registry.ProviderEntry;
import org.virtlayer.spi.HypervisorDriver;

/** Opens a connection on the driver that serves the URI now. */
public final class ConnectionOpener {
    private final CoreServices core;

    public ConnectionOpener(CoreServices core) {
        this.core = core;
    }

    public Connection open(String uriText, boolean readOnly) {
        ConnectUri uri = ConnectUri.parse(uriText);
        ProviderEntry<HypervisorDriver> driver = core.registry().driverFor(uri).orElseThrow(() -> noDriver(uri));
        ConnectionImpl conn = new ConnectionImpl(uri, readOnly, core, driver);
        // listen before opening, so that a driver leaving during the open is noticed
        core.registry().addListener(conn.listener);
        try {
            if (driver.calls().isGone()) {
                throw noDriver(uri);
            }
            conn.open(new DriverContextImpl(conn));
            return conn;
        } catch (RuntimeException e) {
            core.registry().removeListener(conn.listener);
            throw e;
        }
    }

    private VirtException noDriver(ConnectUri uri) {
        String installed = core.registry().schemes().isEmpty() ? "no driver is installed"
                : "installed: " + String.join(", ", core.registry().schemes());
        return new VirtException(ErrorCode.DRIVER_UNAVAILABLE, "no connection driver available for " + uri
                + ": no installed driver serves '" + uri.scheme() + "' (" + installed + ")");
    }
}
