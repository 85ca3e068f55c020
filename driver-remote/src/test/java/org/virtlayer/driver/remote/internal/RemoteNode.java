package org.virtlayer.driver.remote.internal;

import java.nio.file.Path;
import java.util.Map;
import org.virtlayer.core.internal.ConnectionFactoryImpl;
import org.virtlayer.core.internal.host.LinuxHost;
import org.virtlayer.driver.test.internal.TestDriver;
import org.virtlayer.remote.server.ClientBundle;
import org.virtlayer.remote.server.Role;
import org.virtlayer.remote.server.internal.RemoteServer;
import org.virtlayer.remote.server.internal.ServerSettings;
import org.virtlayer.spi.HypervisorDriver;

/**
 * A node served on 127.0.0.1 (the real core with the test driver, behind the remote server on a free port) and a
 * client side (another real core with the remote driver), with an admin and a read-only client certificate issued by
 * the node.
 */
final class RemoteNode implements AutoCloseable {
    final Path dir;
    final ConnectionFactoryImpl nodeFactory;
    final ConnectionFactoryImpl clientFactory;
    final Path adminPki;
    final Path readOnlyPki;
    ServerSettings settings;
    RemoteServer server;

    RemoteNode(Path dir) throws Exception {
        this(dir, ServerSettings.defaults(0, dir.resolve("node-pki")));
    }

    RemoteNode(Path dir, ServerSettings settings) throws Exception {
        this.dir = dir;
        nodeFactory = new ConnectionFactoryImpl(new LinuxHost(), 1000);
        nodeFactory.addDriver(new TestDriver(), Map.of(HypervisorDriver.SCHEMES, "test", HypervisorDriver.NAME,
                "test", HypervisorDriver.NONBLOCKING, Boolean.TRUE), "org.virtlayer.driver.test/test");
        this.settings = settings;
        server = RemoteServer.start(nodeFactory, settings);
        adminPki = dir.resolve("admin");
        readOnlyPki = dir.resolve("reader");
        issue("admin", Role.ADMIN).writeTo(adminPki);
        issue("reader", Role.READ_ONLY).writeTo(readOnlyPki);
        clientFactory = new ConnectionFactoryImpl(new LinuxHost(), 1000);
        clientFactory.addDriver(new RemoteDriver(adminPki, 5000, 30000), Map.of(HypervisorDriver.SCHEMES, "*",
                HypervisorDriver.TRANSPORTS, "tls", HypervisorDriver.NAME, "remote"), "org.virtlayer.driver.remote/1");
    }

    ClientBundle issue(String name, Role role) {
        return server.issueClientCertificate(name, role);
    }

    int port() {
        return server.port();
    }

    /** {@code test+tls://127.0.0.1:PORT/default?pkipath=...} for the admin client (or the given PKI folder). */
    String uri(Path pki) {
        return "test+tls://127.0.0.1:" + port() + "/default?pkipath=" + pki;
    }

    String adminUri() {
        return uri(adminPki);
    }

    /** Stops the server only; the node behind it (its core and drivers) stays. */
    void stopServer() {
        server.close();
    }

    /** Starts a new server (a new epoch) on the same port and PKI folder. */
    void restartServer() throws Exception {
        settings = new ServerSettings(settings.bindAddress(), port(), settings.pkiDirectory(), settings.hostNames(),
                settings.maxRequestBytes(), settings.maxConnections(), settings.maxConnectionsPerClient(),
                settings.maxCallsPerClient(), settings.idleTimeoutSeconds(), settings.handshakeTimeoutSeconds(),
                settings.eventBufferSize(), settings.heartbeatSeconds(), settings.sessionIdleSeconds(),
                settings.maxSessionsPerClient());
        server = RemoteServer.start(nodeFactory, settings);
    }

    void startServerAgain() throws Exception {
        server = RemoteServer.start(nodeFactory, settings);
    }

    @Override
    public void close() {
        clientFactory.deactivate();
        server.close();
        nodeFactory.deactivate();
    }
}
