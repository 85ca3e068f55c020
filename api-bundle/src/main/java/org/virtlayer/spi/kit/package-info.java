/**
 * What every hypervisor driver's node needs and need not write again: its domains found by name, UUID and ID, the
 * connections' event sinks, and autostart that waits for late backends. A driver's node extends
 * {@link org.virtlayer.spi.kit.DriverNode}; using this package is optional.
 */
@Export
@Version("1.0.0")
package org.virtlayer.spi.kit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
