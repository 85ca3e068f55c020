package org.virtlayer.core.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.core.internal.ConnectionFactoryImpl;
import org.virtlayer.core.internal.calls.CallTimeouts;
import org.virtlayer.core.internal.host.LinuxHost;
import org.virtlayer.spi.HypervisorDriver;

/** A driver that hangs or leaves never hangs its callers. */
class DriverDepartureTest {
    private final RecordingDriver driver = new RecordingDriver();
    private final ConnectionFactoryImpl factory = new ConnectionFactoryImpl(new LinuxHost(), 1000);

    @AfterEach
    void stop() {
        CountDownLatch b = driver.block;
        if (b != null) {
            b.countDown();
        }
        factory.deactivate();
    }

    private void addBlockingDriver() {
        factory.addDriver(driver, Map.of(HypervisorDriver.SCHEMES, "rec", HypervisorDriver.NAME, "recording"),
                "test");
    }

    private static VirtException cause(ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(VirtException.class);
        return (VirtException) e.getCause();
    }

    @Test
    void aCallWaitingOnADriverThatLeavesEndsAtOnceWithDriverUnavailable() throws Exception {
        addBlockingDriver();
        Connection conn = factory.open("rec:///x");
        Domain d = conn.lookupDomainByName("d");
        driver.block = new CountDownLatch(1);
        CompletableFuture<Void> start = CompletableFuture.runAsync(d::start);
        Thread.sleep(100);
        assertThat(start).isNotDone();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            factory.removeDriver(driver);
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> start.get(5, TimeUnit.SECONDS));
            assertThat(cause(e).code()).isEqualTo(ErrorCode.DRIVER_UNAVAILABLE);
            assertThatThrownBy(conn::listDomains).isInstanceOfSatisfying(VirtException.class,
                    x -> assertThat(x.code()).isEqualTo(ErrorCode.DRIVER_UNAVAILABLE));
            assertThatThrownBy(() -> factory.open("rec:///x")).isInstanceOfSatisfying(VirtException.class,
                    x -> assertThat(x.code()).isEqualTo(ErrorCode.DRIVER_UNAVAILABLE));
        });
        conn.close();
    }

    @Test
    void aHungDriverCallTimesOutWithOperationTimeout() {
        addBlockingDriver();
        factory.setTimeouts(new CallTimeouts(200, 200, 0, 200));
        try (Connection conn = factory.open("rec:///x")) {
            driver.block = new CountDownLatch(1);
            Domain d = conn.lookupDomainByName("d");
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(d::start)
                    .isInstanceOfSatisfying(VirtException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT);
                        assertThat(e.getMessage()).contains("virDomainCreateWithFlags");
                    }));
            // queries still answer while the job is stuck
            assertThat(d.state()).isNotNull();
        }
    }

    @Test
    void aSecondChangeWaitsForTheDomainsJobLockAndTimesOutNamingTheHolder() throws Exception {
        addBlockingDriver();
        factory.setTimeouts(new CallTimeouts(10_000, 10_000, 0, 300));
        try (Connection conn = factory.open("rec:///x")) {
            Domain d = conn.lookupDomainByName("d");
            driver.block = new CountDownLatch(1);
            CompletableFuture<Void> start = CompletableFuture.runAsync(d::start);
            Thread.sleep(100);
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(d::destroy)
                    .isInstanceOfSatisfying(VirtException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT);
                        assertThat(e.getMessage()).contains("state change lock").contains("virDomainCreateWithFlags");
                    }));
            assertThat(driver.calls).doesNotContain("destroyDomain");
            driver.block.countDown();
            start.get(5, TimeUnit.SECONDS);
            d.destroy();
            assertThat(driver.calls).containsSubsequence("startDomain", "destroyDomain");
        }
    }

    @Test
    void noDriverForASchemeNamesTheSchemeAndWhatIsInstalled() {
        addBlockingDriver();
        assertThatThrownBy(() -> factory.open("qemu:///system")).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DRIVER_UNAVAILABLE);
            assertThat(e.getMessage()).contains("'qemu'").contains("installed: rec");
        });
        assertThatThrownBy(() -> factory.open("not a uri")).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
    }

    @Test
    void noNetworkOrStorageBackendIsDriverUnavailableNamingTheMissingFeature() {
        RecordingDriver bare = new RecordingDriver() {
            @Override
            public org.virtlayer.spi.HypervisorConnection open(org.virtlayer.spi.OpenRequest r,
                    org.virtlayer.spi.DriverContext c) {
                RecordingDriver.Conn inner = (RecordingDriver.Conn) super.open(r, c);
                return new org.virtlayer.spi.HypervisorConnection() {
                    @Override
                    public Object node() {
                        return inner.node();
                    }

                    @Override
                    public String hypervisorType() {
                        return "BARE";
                    }

                    @Override
                    public java.util.List<org.virtlayer.spi.DomainSummary> listDomains(
                            java.util.Set<org.virtlayer.api.DomainListFlag> flags) {
                        return inner.listDomains(flags);
                    }

                    @Override
                    public org.virtlayer.spi.DomainRef lookupDomainByName(String name) {
                        return inner.lookupDomainByName(name);
                    }

                    @Override
                    public org.virtlayer.spi.DomainRef lookupDomainByUuid(java.util.UUID uuid) {
                        return inner.lookupDomainByUuid(uuid);
                    }

                    @Override
                    public org.virtlayer.api.DomainStateInfo domainState(org.virtlayer.spi.DomainRef d) {
                        return inner.domainState(d);
                    }

                    @Override
                    public org.virtlayer.spi.DomainSummary domainSummary(org.virtlayer.spi.DomainRef d) {
                        return inner.domainSummary(d);
                    }
                };
            }
        };
        factory.addDriver(bare, Map.of(HypervisorDriver.SCHEMES, "bare"), "test");
        try (Connection c = factory.open("bare:///system")) {
            assertThatThrownBy(c::listNetworks).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.DRIVER_UNAVAILABLE);
                assertThat(e.getMessage()).contains("virtlayer-network-bridge");
            });
            assertThatThrownBy(() -> c.defineStoragePool("<pool type='logical'><name>x</name></pool>"))
                    .isInstanceOfSatisfying(VirtException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.DRIVER_UNAVAILABLE);
                        assertThat(e.getMessage()).contains("virtlayer-storage-dir");
                    });
            assertThatThrownBy(() -> c.lookupDomainByName("d").start()).isInstanceOfSatisfying(
                    VirtException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NO_SUPPORT);
                        assertThat(e.getMessage()).contains("virDomainCreate");
                    });
            assertThat(c.listNodeDevices(null)).extracting(x -> x.name()).contains("computer");
        }
    }
}
