package org.virtlayer.driver.test.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Component;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.HypervisorConnection;
import org.virtlayer.spi.HypervisorDriver;
import org.virtlayer.spi.OpenRequest;

/**
 * libvirt's test driver: {@code test:///default} opens a fresh private copy of libvirt's default node,
 * {@code test:///ABSOLUTE/PATH/node.xml} a node loaded from that file. Everything lives in memory and no call blocks.
 */
@Component(service = HypervisorDriver.class, property = {
    HypervisorDriver.SCHEMES + "=test",
    HypervisorDriver.NAME + "=test",
    HypervisorDriver.NONBLOCKING + ":Boolean=true"
})
public final class TestDriver implements HypervisorDriver {
    private final String hostname = readHostname();

    @Override
    public HypervisorConnection open(OpenRequest request, DriverContext context) {
        String path = request.uri().path();
        TestNode node;
        if (path.equals("/default") || path.equals("/")) {
            node = TestNodeLoader.defaultNode();
        } else if (path.endsWith(".xml")) {
            node = TestNodeLoader.fromFile(Path.of(path));
        } else {
            throw new VirtException(ErrorCode.NO_CONNECT, "no connection driver available for " + request.uri()
                    + ": the test driver opens test:///default or test:///ABSOLUTE/PATH/node.xml");
        }
        node.setSink(context.events());
        return new TestConnection(node, hostname);
    }

    /** libvirt's test driver answers the real host name. */
    private static String readHostname() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc hidden: ask Java
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
