package org.virtlayer.driver.test.internal;

import java.util.Map;
import org.virtlayer.core.internal.ConnectionFactoryImpl;
import org.virtlayer.core.internal.host.LinuxHost;
import org.virtlayer.spi.HypervisorDriver;

/** The real core, outside OSGi, with the test driver added as its service would be. */
final class TestFactories {
    private TestFactories() {
    }

    static ConnectionFactoryImpl withTestDriver() {
        ConnectionFactoryImpl f = new ConnectionFactoryImpl(new LinuxHost(), 1000);
        f.addDriver(new TestDriver(), Map.of(HypervisorDriver.SCHEMES, "test", HypervisorDriver.NAME, "test",
                HypervisorDriver.NONBLOCKING, Boolean.TRUE), "org.virtlayer.driver.test/test");
        return f;
    }
}
