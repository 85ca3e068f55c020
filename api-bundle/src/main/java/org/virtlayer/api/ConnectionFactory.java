package org.virtlayer.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The entry point: an OSGi service that opens connections on whichever driver serves the URI's scheme now.
 *
 * <pre>
 * try (Connection c = factory.open("test:///default")) {
 *     c.lookupDomainByName("test").destroy();
 * }
 * </pre>
 */
@ProviderType
public interface ConnectionFactory {
    /**
     * Opens a read-write connection.
     *
     * @throws VirtException {@link ErrorCode#DRIVER_UNAVAILABLE} naming the scheme and the installed ones when no
     *         driver serves it; {@link ErrorCode#INVALID_ARG} for a malformed URI; the driver's error otherwise
     */
    Connection open(String uri);

    /** Opens a connection on which every mutating call fails with {@link ErrorCode#OPERATION_DENIED}. */
    Connection openReadOnly(String uri);

    /** The drivers and backends installed now. */
    List<DriverInfo> drivers();
}
