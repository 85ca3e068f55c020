package org.virtlayer.bench;

import java.nio.file.Path;
import java.util.Map;
import org.virtlayer.core.internal.ConnectionFactoryImpl;
import org.virtlayer.core.internal.host.LinuxHost;
import org.virtlayer.driver.test.internal.TestDriver;
import org.virtlayer.remote.server.Role;
import org.virtlayer.remote.server.internal.RemoteServer;
import org.virtlayer.remote.server.internal.ServerSettings;
import org.virtlayer.spi.HypervisorDriver;

/**
 * The node side of {@link RemoteBench}, in a JVM of its own as libvirtd is a process of its own: the core with the
 * test driver behind the remote server on 127.0.0.1. Issues an admin client into DIR/client, prints "PORT n", and
 * stops when its standard input closes.
 */
public final class RemoteBenchNode {
    private RemoteBenchNode() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        ConnectionFactoryImpl factory = new ConnectionFactoryImpl(new LinuxHost(), 1000);
        factory.addDriver(new TestDriver(), Map.of(HypervisorDriver.SCHEMES, "test", HypervisorDriver.NAME, "test",
                HypervisorDriver.NONBLOCKING, Boolean.TRUE), "test");
        // room for 64 callers at once
        ServerSettings s = ServerSettings.defaults(0, dir.resolve("node-pki")).withLimits(4 * 1024 * 1024, 512, 256,
                120);
        try (RemoteServer server = RemoteServer.start(factory, s)) {
            server.issueClientCertificate("bench", Role.ADMIN).writeTo(dir.resolve("client"));
            System.out.println("PORT " + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // run until the parent closes our input
            }
        }
        factory.deactivate();
    }
}
