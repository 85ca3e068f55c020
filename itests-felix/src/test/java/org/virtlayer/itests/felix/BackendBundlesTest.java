package org.virtlayer.itests.felix;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.felix.framework.Felix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.virtlayer.api.ConnectionFactory;
import org.virtlayer.api.DriverInfo;

/**
 * The storage-dir and network-bridge backends as bundles in plain Felix + SCR: they resolve against the api, xml and
 * core bundles alone, register as the core's backends, and leave when uninstalled. The core's state folders are set
 * under target/ (through Config Admin) before the backends start, so that nothing of the host's is read.
 */
class BackendBundlesTest {
    private static final String[] INFRA = {"org.osgi.util.function.jar", "org.osgi.util.promise.jar",
        "org.osgi.service.component.jar", "org.apache.felix.scr.jar", "org.apache.felix.configadmin.jar"};
    private static final String[] CORE = {"virtlayer-api.jar", "virtlayer-xml.jar", "virtlayer-core.jar"};
    private static final String[] BACKENDS = {"virtlayer-storage-dir.jar", "virtlayer-network-bridge.jar"};

    private static Felix felix;
    private static ServiceTracker<ConnectionFactory, ConnectionFactory> tracker;
    private static Path work;

    private static Path bundles() {
        return Path.of(System.getProperty("virtlayer.bundles", "target/bundles"));
    }

    @BeforeAll
    static void boot() throws Exception {
        work = Path.of(System.getProperty("virtlayer.felix.backends", "target/felix-backends")).toAbsolutePath();
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, work.resolve("cache").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // the test's own view of the API, at the version the api bundle exports (the core's import range is narrow)
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                ApiExports.systemPackagesExtra(bundles().resolve("virtlayer-api.jar")));
        felix = new Felix(config);
        felix.init();
        BundleContext ctx = felix.getBundleContext();
        for (String b : INFRA) {
            ctx.installBundle(bundles().resolve(b).toUri().toString());
        }
        for (String b : CORE) {
            ctx.installBundle(bundles().resolve(b).toUri().toString());
        }
        felix.start();
        for (Bundle b : ctx.getBundles()) {
            b.start();
        }
        configureCore(ctx);
        tracker = new ServiceTracker<>(ctx, ConnectionFactory.class, null);
        tracker.open();
        for (String b : BACKENDS) {
            ctx.installBundle(bundles().resolve(b).toUri().toString()).start();
        }
    }

    /** The version of org.virtlayer.api in the api bundle's Export-Package (its clause's first version attribute). */
    /** Config Admin's API is the bundle's own: used by reflection rather than shared with the test's class path. */
    private static void configureCore(BundleContext ctx) throws Exception {
        ServiceReference<?> ref = ctx.getServiceReference("org.osgi.service.cm.ConfigurationAdmin");
        Object admin = ctx.getService(ref);
        Class<?> api = ref.getBundle().loadClass("org.osgi.service.cm.ConfigurationAdmin");
        Object configuration = api.getMethod("getConfiguration", String.class, String.class).invoke(admin,
                "org.virtlayer.core", null);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("stateDirectory", Files.createDirectories(work.resolve("state")).toString());
        props.put("runtimeDirectory", Files.createDirectories(work.resolve("run")).toString());
        Method update = ref.getBundle().loadClass("org.osgi.service.cm.Configuration").getMethod("update",
                Dictionary.class);
        update.invoke(configuration, props);
        // the core's state stores take the configuration before any backend opens one (the SPI package is not the
        // test's, hence getAllServiceReferences)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            ServiceReference<?>[] stores = ctx.getAllServiceReferences("org.virtlayer.spi.StateStores", null);
            if (stores != null && work.resolve("state").toString().equals(String.valueOf(
                    stores[0].getProperty("stateDirectory")))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the core's state stores did not take the test's folders within 10 s");
    }

    @AfterAll
    static void shutdown() throws Exception {
        if (tracker != null) {
            tracker.close();
        }
        if (felix != null) {
            felix.stop();
            felix.waitForStop(10_000);
        }
    }

    private static List<String> backendsNow(ConnectionFactory f) {
        return f.drivers().stream().filter(i -> i.kind() != DriverInfo.Kind.HYPERVISOR).map(DriverInfo::name)
                .toList();
    }

    private static void await(ConnectionFactory f, boolean present) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (backendsNow(f).contains("storage-dir") != present && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void theBackendsAreBundlesTheCoreFindsAndLoses() throws Exception {
        ConnectionFactory factory = tracker.waitForService(10_000);
        assertThat(factory).isNotNull();
        await(factory, true);
        for (Bundle b : felix.getBundleContext().getBundles()) {
            assertThat(b.getState()).as(b.getSymbolicName() + " active").isEqualTo(Bundle.ACTIVE);
        }
        assertThat(factory.drivers()).filteredOn(i -> i.kind() == DriverInfo.Kind.STORAGE)
                .singleElement().satisfies(i -> {
                    assertThat(i.name()).isEqualTo("storage-dir");
                    assertThat(i.serves()).containsExactly("dir");
                    assertThat(i.bundle()).startsWith("org.virtlayer.storage.dir");
                });
        assertThat(factory.drivers()).filteredOn(i -> i.kind() == DriverInfo.Kind.NETWORK)
                .singleElement().satisfies(i -> assertThat(i.name()).isEqualTo("network-bridge"));

        for (Bundle b : felix.getBundleContext().getBundles()) {
            if (b.getSymbolicName().startsWith("org.virtlayer.storage.dir")
                    || b.getSymbolicName().startsWith("org.virtlayer.network.bridge")) {
                b.uninstall();
            }
        }
        await(factory, false);
        assertThat(backendsNow(factory)).isEmpty();
    }
}
