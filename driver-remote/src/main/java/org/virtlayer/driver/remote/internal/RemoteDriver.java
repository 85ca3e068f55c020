package org.virtlayer.driver.remote.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.virtlayer.api.ConnectUri;
import org.virtlayer.api.VirtException;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.HypervisorConnection;
import org.virtlayer.spi.HypervisorDriver;
import org.virtlayer.spi.OpenRequest;

/**
 * The remote driver: {@code DRIVER+tls://host[:port]/path[?pkipath=DIR]} opens {@code DRIVER:///path} on that node's
 * remote server, whatever the driver ({@code *}). Blocking (it waits on the network), so the core calls it under its
 * timeouts on worker threads.
 */
@Component(service = HypervisorDriver.class, configurationPid = "org.virtlayer.driver.remote",
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = {
            HypervisorDriver.SCHEMES + "=*",
            HypervisorDriver.TRANSPORTS + "=tls",
            HypervisorDriver.NAME + "=remote"
        })
@Designate(ocd = DriverConfig.class)
public final class RemoteDriver implements HypervisorDriver {
    public static final int DEFAULT_PORT = 16514;
    /** URI parameters the driver itself reads; they are not passed to the node. */
    private static final String PKIPATH = "pkipath";

    private volatile Path pkiPath;
    private volatile int connectTimeoutMillis;
    private volatile int callTimeoutMillis;

    @Activate
    public RemoteDriver(DriverConfig config) {
        modified(config);
    }

    /** Outside OSGi: tests and benchmarks. */
    public RemoteDriver(Path pkiPath, int connectTimeoutMillis, int callTimeoutMillis) {
        this.pkiPath = pkiPath;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.callTimeoutMillis = callTimeoutMillis;
    }

    @Modified
    void modified(DriverConfig c) {
        pkiPath = c.pkiPath().isBlank() ? Path.of(System.getProperty("user.home"), ".pki", "virtlayer")
                : Path.of(c.pkiPath());
        connectTimeoutMillis = c.connectTimeoutSeconds() * 1000;
        callTimeoutMillis = c.callTimeoutSeconds() * 1000;
    }

    @Override
    public HypervisorConnection open(OpenRequest request, DriverContext context) {
        ConnectUri uri = request.uri();
        String host = uri.host().orElse("");
        if (host.isEmpty()) {
            throw VirtException.invalidArg("remote URI " + uri + " names no host: expected " + uri.scheme()
                    + "://HOST[:PORT]" + uri.path());
        }
        Path pki = uri.query().containsKey(PKIPATH) ? Path.of(uri.query().get(PKIPATH)) : pkiPath;
        ClientTls tls = ClientTls.load(pki);
        HttpsClient http = new HttpsClient(host.startsWith("[") ? host.substring(1, host.length() - 1) : host,
                uri.port() > 0 ? uri.port() : DEFAULT_PORT, tls, connectTimeoutMillis, callTimeoutMillis);
        EventReader events = new EventReader(context.events());
        NodeLink link = new NodeLink(http, localUri(uri), request.readOnly(), events);
        try {
            link.open();
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
        events.start(link);
        return new RemoteHypervisorConnection(link, events);
    }

    /** What the node opens: the same driver and path, without transport, host and our own parameters. */
    static String localUri(ConnectUri uri) {
        Map<String, String> q = new LinkedHashMap<>(uri.query());
        q.remove(PKIPATH);
        StringBuilder sb = new StringBuilder(uri.driver()).append("://").append(uri.path());
        String sep = "?";
        for (Map.Entry<String, String> e : q.entrySet()) {
            sb.append(sep).append(java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8));
            if (!e.getValue().isEmpty()) {
                sb.append('=').append(java.net.URLEncoder.encode(e.getValue(),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
            sep = "&";
        }
        return sb.toString();
    }
}
