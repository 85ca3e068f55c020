package org.virtlayer.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.felix.framework.Felix;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ConnectionFactory;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainStartFlag;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.api.DriverInfo;
import org.virtlayer.linux.Syscalls;

/**
 * The driver as an embedder runs it: plain Felix with SCR and Config Admin, virtlayer's bundles and JNA. The driver
 * bundle is updated and refreshed while a domain runs; the new driver finds the same QEMU with its state.
 */
class FelixBundleUpdateIT {
    private static final String[] BUNDLES = {"org.osgi.util.function.jar", "org.osgi.util.promise.jar",
        "org.osgi.service.component.jar", "org.apache.felix.configadmin.jar", "org.apache.felix.scr.jar",
        "jna.jar", "virtlayer-api.jar", "virtlayer-xml.jar", "virtlayer-linux.jar"};

    private static String apiExports(Path apiJar) throws java.io.IOException {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(apiJar.toFile())) {
            String exports = jar.getManifest().getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
            StringBuilder sb = new StringBuilder();
            for (String pkg : List.of("org.virtlayer.api", "org.virtlayer.api.event")) {
                int at = exports.indexOf(pkg + ";version=\"") + pkg.length() + ";version=\"".length();
                sb.append(sb.length() == 0 ? "" : ",").append(pkg).append(";version=")
                        .append(exports, at, exports.indexOf('"', at));
            }
            return sb.toString();
        }
    }

    @Test
    void theDriverBundleIsUpdatedWhileADomainRuns() throws Exception {
        Path root = Files.createTempDirectory(Path.of("/tmp"), "vlf-");
        Path bundles = Path.of(System.getProperty("virtlayer.bundles"));
        Path driverJar = Path.of(System.getProperty("virtlayer.driver.bundle"));
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, System.getProperty("virtlayer.felix.storage"));
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // the test's own view of the API, at the versions the api bundle exports, read from the jar
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, apiExports(bundles.resolve("virtlayer-api.jar"))
                + ",org.osgi.service.cm;version=1.6.1");
        Felix felix = new Felix(config);
        felix.init();
        try {
            BundleContext ctx = felix.getBundleContext();
            for (String b : BUNDLES) {
                ctx.installBundle(bundles.resolve(b).toUri().toString());
            }
            felix.start();
            startAll(ctx);
            ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> cm = new ServiceTracker<>(ctx,
                    ConfigurationAdmin.class, null);
            cm.open();
            ConfigurationAdmin admin = cm.waitForService(10_000);
            Hashtable<String, Object> core = new Hashtable<>();
            core.put("stateDirectory", root.resolve("state").toString());
            core.put("runtimeDirectory", root.resolve("run").toString());
            admin.getConfiguration("org.virtlayer.core", "?").update(core);
            Hashtable<String, Object> qemu = new Hashtable<>();
            qemu.put("cgroupRoot", "virtlayer-test");
            admin.getConfiguration("org.virtlayer.driver.qemu", "?").update(qemu);
            ctx.installBundle(bundles.resolve("virtlayer-core.jar").toUri().toString()).start();
            Bundle driver = ctx.installBundle("virtlayer-driver-qemu", Files.newInputStream(driverJar));
            driver.start();
            assertThat(driver.getState()).isEqualTo(Bundle.ACTIVE);

            ServiceTracker<ConnectionFactory, ConnectionFactory> t = new ServiceTracker<>(ctx,
                    ConnectionFactory.class, null);
            t.open();
            ConnectionFactory factory = t.waitForService(10_000);
            awaitDriver(factory);
            Connection c = factory.open("qemu:///system");
            Domain d = c.defineDomain(TestGuest.domainXml("in-felix", root.resolve("serial.log"), "qemu", ""));
            d.start(DomainStartFlag.PAUSED);
            Path runDir = root.resolve("run/qemu/system/run/" + d.uuid().toString().replace("-", ""));
            String status = Files.readString(runDir.resolve("status.json"));
            int pid = Integer.parseInt(status.replaceAll("(?s).*\"pid\":(\\d+).*", "$1"));

            // a new build of the driver bundle: update, refresh, and the domain is found again
            try (InputStream in = Files.newInputStream(driverJar)) {
                driver.update(in);
            }
            CountDownLatch refreshed = new CountDownLatch(1);
            ctx.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(driver),
                    e -> {
                        if (e.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                            refreshed.countDown();
                        }
                    });
            assertThat(refreshed.await(30, TimeUnit.SECONDS)).isTrue();
            awaitDriver(factory);
            assertThat(Syscalls.processExists(pid)).as("QEMU survived the update").isTrue();
            try (Connection c2 = factory.open("qemu:///system")) {
                Domain again = c2.lookupDomainByName("in-felix");
                assertThat(again.state().reason()).isEqualTo(DomainStateReason.PAUSED_USER);
                assertThat(Files.readString(runDir.resolve("status.json"))).contains("\"pid\":" + pid);
                again.resume();
                assertThat(again.state().state()).isEqualTo(DomainState.RUNNING);
                again.destroy();
                assertThat(again.isActive()).isFalse();
                again.undefine();
            }
            assertThat(Syscalls.processExists(pid)).isFalse();
            c.close();
            t.close();
            cm.close();
        } finally {
            felix.stop();
            felix.waitForStop(10_000);
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void startAll(BundleContext ctx) throws Exception {
        for (Bundle b : ctx.getBundles()) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null && b.getState() != Bundle.ACTIVE) {
                b.start();
            }
        }
    }

    private static void awaitDriver(ConnectionFactory factory) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (factory.drivers().stream().map(DriverInfo::name).noneMatch("qemu"::equals)) {
            assertThat(System.nanoTime()).as("the qemu driver registers").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
