package org.virtlayer.itests.felix;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.felix.framework.Felix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.util.tracker.ServiceTracker;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ConnectionFactory;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.DriverInfo;
import org.virtlayer.api.event.DomainEvent;
import org.virtlayer.api.event.DomainEventDetail;

/**
 * The remote server and the remote driver as bundles, in plain Felix with SCR and Config Admin, beside Jackson's and
 * BouncyCastle's bundles: the server starts from its configuration, the node's PKI lands under the core's state
 * folder, and a connection through the remote driver to this very node works. The remote bundles' own types are
 * reached reflectively, so that this test needs nothing of them on its class path.
 */
class EmbeddedRemoteTest {
    private static final String[] BUNDLES = {"org.osgi.util.function.jar", "org.osgi.util.promise.jar",
        "org.osgi.service.component.jar", "org.apache.felix.scr.jar", "org.apache.felix.configadmin.jar",
        "jackson-core.jar", "jackson-annotations.jar", "jackson-databind.jar", "bcprov-jdk18on.jar",
        "bcutil-jdk18on.jar", "bcpkix-jdk18on.jar", "virtlayer-api.jar", "virtlayer-xml.jar", "virtlayer-core.jar",
        "virtlayer-driver-test.jar", "virtlayer-remote-protocol.jar", "virtlayer-remote-server.jar",
        "virtlayer-driver-remote.jar"};

    private static Felix felix;
    private static Path work;

    private static Path bundles() {
        return Path.of(System.getProperty("virtlayer.bundles", "target/bundles"));
    }

    @BeforeAll
    static void boot() throws Exception {
        work = Files.createTempDirectory(Path.of("target"), "remote-").toAbsolutePath();
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, work.resolve("felix-cache").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                ApiExports.systemPackagesExtra(bundles().resolve("virtlayer-api.jar")));
        felix = new Felix(config);
        felix.init();
        BundleContext ctx = felix.getBundleContext();
        for (String b : BUNDLES) {
            ctx.installBundle(bundles().resolve(b).toUri().toString());
        }
        felix.start();
        bundle("org.apache.felix.configadmin").start();
        // the core's folders in this test's room, the server on any free port
        configure("org.virtlayer.core", Map.of("stateDirectory", work.resolve("state").toString(),
                "runtimeDirectory", work.resolve("run").toString()));
        configure("org.virtlayer.remote.server", Map.of("port", 0));
        for (Bundle b : ctx.getBundles()) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
    }

    /** Config Admin through reflection: its API is the bundle's, not this test's. */
    private static void configure(String pid, Map<String, Object> props) throws Exception {
        Object admin = service("org.osgi.service.cm.ConfigurationAdmin");
        Object conf = admin.getClass().getMethod("getConfiguration", String.class, String.class)
                .invoke(admin, pid, null);
        Dictionary<String, Object> d = new Hashtable<>(props);
        Method update = conf.getClass().getMethod("update", Dictionary.class);
        update.setAccessible(true);
        update.invoke(conf, d);
    }

    private static Object service(String className) throws InterruptedException {
        ServiceTracker<Object, Object> t = new ServiceTracker<>(felix.getBundleContext(), className, null);
        t.open(true);
        Object s = t.waitForService(10_000);
        assertThat(s).as(className + " within 10 s").isNotNull();
        return s;
    }

    private static Bundle bundle(String symbolicName) {
        for (Bundle b : felix.getBundleContext().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    @AfterAll
    static void shutdown() throws Exception {
        if (felix != null) {
            felix.stop();
            felix.waitForStop(10_000);
        }
    }

    private static Object call(Object target, String method, Object... args) throws Exception {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                m.setAccessible(true);
                return m.invoke(target, args);
            }
        }
        throw new AssertionError("no method " + method);
    }

    @Test
    void theServerStartsFromItsConfigurationAndTheRemoteDriverReachesIt() throws Exception {
        for (Bundle b : felix.getBundleContext().getBundles()) {
            assertThat(b.getState()).as(b.getSymbolicName() + " active").isEqualTo(Bundle.ACTIVE);
        }
        Object admin = service("org.virtlayer.remote.server.RemoteAccessAdmin");
        Object status = call(admin, "status");
        assertThat(call(status, "running")).isEqualTo(true);
        int port = (Integer) call(status, "port");
        assertThat(port).isPositive();
        assertThat(call(status, "pkiDirectory")).isEqualTo(work.resolve("state").resolve("remote").resolve("pki"));
        assertThat(work.resolve("state/remote/pki/ca-cert.pem")).exists();

        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Enum> role = (Class<Enum>) bundle("org.virtlayer.remote.server").loadClass(
                "org.virtlayer.remote.server.Role");
        @SuppressWarnings("unchecked")
        Object issued = call(admin, "issueClientCertificate", "itest", Enum.valueOf(role, "ADMIN"));
        Path pki = work.resolve("client");
        call(issued, "writeTo", pki);

        ConnectionFactory factory = (ConnectionFactory) service(ConnectionFactory.class.getName());
        assertThat(factory.drivers()).extracting(DriverInfo::name).contains("test", "remote");
        try (Connection c = factory.open("test+tls://127.0.0.1:" + port + "/default?pkipath=" + pki)) {
            BlockingQueue<DomainEvent> events = new LinkedBlockingQueue<>();
            c.addDomainEventListener(events::add);
            Domain test = c.lookupDomainByName("test");
            assertThat(test.info().state()).isEqualTo(DomainState.RUNNING);
            test.destroy();
            DomainEvent e = events.poll(5, TimeUnit.SECONDS);
            assertThat(e).isNotNull();
            assertThat(e.detail()).isEqualTo(DomainEventDetail.STOPPED_DESTROYED);
            assertThat(c.listNetworks()).extracting(n -> n.name()).containsExactly("default");
        }
    }
}
