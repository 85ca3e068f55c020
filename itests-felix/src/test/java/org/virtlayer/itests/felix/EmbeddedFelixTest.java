package org.virtlayer.itests.felix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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
import org.virtlayer.api.CloseReason;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ConnectionFactory;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.DriverInfo;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.api.event.DomainEvent;
import org.virtlayer.api.event.DomainEventDetail;

/**
 * An embedder's view: plain Apache Felix and SCR, no Karaf, virtlayer's api, xml, core and test driver bundles. The
 * API packages are exported by the framework from the class path so that this test can use the types it gets from
 * the service registry.
 */
class EmbeddedFelixTest {
    private static final String[] INFRA = {"org.osgi.util.function.jar", "org.osgi.util.promise.jar",
        "org.osgi.service.component.jar", "org.apache.felix.scr.jar"};
    private static final String[] VIRTLAYER = {"virtlayer-api.jar", "virtlayer-xml.jar", "virtlayer-core.jar",
        "virtlayer-driver-test.jar"};
    private static final String DOMAIN = "<domain type='test'><name>embedded</name><memory unit='MiB'>64</memory>"
            + "<os><type>hvm</type></os></domain>";

    private static Felix felix;
    private static ServiceTracker<ConnectionFactory, ConnectionFactory> tracker;

    private static Path bundles() {
        return Path.of(System.getProperty("virtlayer.bundles", "target/bundles"));
    }

    @BeforeAll
    static void boot() throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, System.getProperty("virtlayer.felix.storage", "target/felix-cache"));
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                ApiExports.systemPackagesExtra(bundles().resolve("virtlayer-api.jar")));
        felix = new Felix(config);
        felix.init();
        BundleContext ctx = felix.getBundleContext();
        for (String b : INFRA) {
            ctx.installBundle(bundles().resolve(b).toUri().toString());
        }
        for (String b : VIRTLAYER) {
            ctx.installBundle(bundles().resolve(b).toUri().toString());
        }
        felix.start();
        for (Bundle b : ctx.getBundles()) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
        tracker = new ServiceTracker<>(ctx, ConnectionFactory.class, null);
        tracker.open();
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

    private static ConnectionFactory factory() throws InterruptedException {
        ConnectionFactory f = tracker.waitForService(10_000);
        assertThat(f).as("ConnectionFactory service within 10 s").isNotNull();
        return f;
    }

    private static Bundle bundle(String symbolicName) {
        for (Bundle b : felix.getBundleContext().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    @Test
    void lifecycleThenDriverUninstalledAndReinstalled() throws Exception {
        ConnectionFactory factory = factory();
        assertThat(factory.drivers()).extracting(DriverInfo::name).contains("test");
        for (Bundle b : felix.getBundleContext().getBundles()) {
            assertThat(b.getState()).as(b.getSymbolicName() + " active").isEqualTo(Bundle.ACTIVE);
        }

        Connection conn = factory.open("test:///default");
        BlockingQueue<DomainEvent> events = new LinkedBlockingQueue<>();
        BlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();
        conn.addDomainEventListener(events::add);
        conn.addCloseListener((c, reason) -> closes.add(reason));

        Domain d = conn.defineDomain(DOMAIN);
        d.start();
        d.suspend();
        d.resume();
        d.destroy();
        d.undefine();
        List<DomainEventDetail> seen = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            DomainEvent e = events.poll(5, TimeUnit.SECONDS);
            assertThat(e).as("event " + (i + 1) + " of 6").isNotNull();
            assertThat(e.domain().name()).isEqualTo("embedded");
            seen.add(e.detail());
        }
        assertThat(seen).containsExactly(DomainEventDetail.DEFINED_ADDED, DomainEventDetail.STARTED_BOOTED,
                DomainEventDetail.SUSPENDED_PAUSED, DomainEventDetail.RESUMED_UNPAUSED,
                DomainEventDetail.STOPPED_DESTROYED, DomainEventDetail.UNDEFINED_REMOVED);
        assertThat(conn.lookupDomainByName("test").state().state()).isEqualTo(DomainState.RUNNING);

        // the driver bundle goes away: nothing hangs, everything says DRIVER_UNAVAILABLE
        Bundle driver = bundle("org.virtlayer.driver.test");
        String location = driver.getLocation();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            driver.uninstall();
            assertThatThrownBy(() -> factory.open("test:///default")).isInstanceOfSatisfying(VirtException.class,
                    e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.DRIVER_UNAVAILABLE);
                        assertThat(e.getMessage()).contains("test");
                    });
            assertThatThrownBy(conn::listDomains).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.DRIVER_UNAVAILABLE));
            assertThatThrownBy(() -> conn.lookupDomainByName("test")).isInstanceOfSatisfying(
                    VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DRIVER_UNAVAILABLE));
            assertThat(conn.isAlive()).isFalse();
            assertThat(closes.poll(5, TimeUnit.SECONDS)).isEqualTo(CloseReason.DRIVER_REMOVED);
            conn.close();
        });
        assertThat(factory.drivers()).extracting(DriverInfo::name).doesNotContain("test");

        // installed again: new connections work
        Bundle again = felix.getBundleContext().installBundle(location);
        again.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (factory.drivers().stream().noneMatch(i -> i.name().equals("test")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        try (Connection fresh = factory.open("test:///default")) {
            assertThat(fresh.listDomains()).extracting(Domain::name).containsExactly("test");
        }
    }

    @Test
    void readOnlyAndUnknownSchemesAsLibvirt() throws Exception {
        ConnectionFactory factory = factory();
        try (Connection ro = factory.openReadOnly("test:///default")) {
            assertThatThrownBy(() -> ro.lookupDomainByName("test").destroy())
                    .isInstanceOfSatisfying(VirtException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_DENIED));
        }
        assertThatThrownBy(() -> factory.open("qemu:///system")).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DRIVER_UNAVAILABLE);
            assertThat(e.getMessage()).contains("qemu").contains("installed: test");
        });
    }
}
