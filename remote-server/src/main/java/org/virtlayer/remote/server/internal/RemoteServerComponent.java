package org.virtlayer.remote.server.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.virtlayer.api.ConnectionFactory;
import org.virtlayer.remote.server.ClientBundle;
import org.virtlayer.remote.server.RemoteAccessAdmin;
import org.virtlayer.remote.server.RemoteServerStatus;
import org.virtlayer.remote.server.Role;
import org.virtlayer.remote.server.TrustedClient;
import org.virtlayer.spi.StateStores;

/**
 * The server as an OSGi component, configured by PID {@code org.virtlayer.remote.server}. A configuration change
 * restarts it (SCR deactivates and activates the component again): open sessions end, clients reconnect. It is
 * immediate: as a delayed component (the default for a service) it would listen only while someone held its
 * RemoteAccessAdmin service, and SCR would stop it again when the console let go.
 */
@Component(service = RemoteAccessAdmin.class, configurationPid = "org.virtlayer.remote.server",
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = ServerConfig.class)
public final class RemoteServerComponent implements RemoteAccessAdmin {
    private final RemoteServer server;

    /** The PKI folder defaults to the core's state folder ({@code stateDirectory}/remote/pki). */
    @Activate
    public RemoteServerComponent(ServerConfig c, @Reference ConnectionFactory factory, @Reference StateStores stores)
            throws IOException, GeneralSecurityException {
        Path pki = c.pkiDirectory().isBlank() ? stores.open("remote").directory().resolve("pki")
                : Path.of(c.pkiDirectory());
        List<String> names = Arrays.stream(c.hostNames().split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
        server = RemoteServer.start(factory, new ServerSettings(c.bindAddress(), c.port(), pki, names,
                c.maxRequestBytes(), c.maxConnections(), c.maxConnectionsPerClient(), c.maxCallsPerClient(),
                c.idleTimeoutSeconds(), c.handshakeTimeoutSeconds(), c.eventBufferSize(), c.heartbeatSeconds(),
                c.sessionIdleSeconds(), c.maxSessionsPerClient()));
    }

    @Deactivate
    void deactivate() {
        server.close();
    }

    @Override
    public ClientBundle issueClientCertificate(String name, Role role) {
        return server.issueClientCertificate(name, role);
    }

    @Override
    public TrustedClient trustClientCertificate(String pem, String name, Role role) {
        return server.trustClientCertificate(pem, name, role);
    }

    @Override
    public List<TrustedClient> trustedClients() {
        return server.trustedClients();
    }

    @Override
    public boolean revoke(String nameOrFingerprint) {
        return server.revoke(nameOrFingerprint);
    }

    @Override
    public String caCertificatePem() {
        return server.caCertificatePem();
    }

    @Override
    public RemoteServerStatus status() {
        return server.status();
    }
}
