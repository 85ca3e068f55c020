package org.virtlayer.core.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.core.internal.ConnectionFactoryImpl;
import org.virtlayer.core.internal.host.LinuxHost;
import org.virtlayer.spi.HypervisorDriver;

/**
 * Which driver a URI opens on: a remote driver (every driver name, transport tls) never takes a local URI, whichever
 * of the two registered first, and a local driver never takes a URI with a transport.
 */
class DriverChoiceTest {
    private final ConnectionFactoryImpl factory = new ConnectionFactoryImpl(new LinuxHost(), 1000);
    private final RecordingDriver remote = new RecordingDriver();
    private final RecordingDriver local = new RecordingDriver();

    @AfterEach
    void stop() {
        factory.deactivate();
    }

    private void addRemote() {
        factory.addDriver(remote, Map.of(HypervisorDriver.SCHEMES, "*", HypervisorDriver.TRANSPORTS, "tls",
                HypervisorDriver.NAME, "remote"), "test");
    }

    private void addLocal() {
        factory.addDriver(local, Map.of(HypervisorDriver.SCHEMES, "rec", HypervisorDriver.NAME, "rec"), "test");
    }

    @Test
    void aLocalUriOpensOnTheLocalDriverEvenWhenTheRemoteOneCameFirst() {
        addRemote();
        addLocal();
        try (Connection c = factory.open("rec:///x")) {
            assertThat(local.context).as("the local driver opened it").isNotNull();
            assertThat(remote.context).as("the remote driver did not").isNull();
        }
        try (Connection c = factory.open("rec+tls://node1/x")) {
            assertThat(remote.context).isNotNull();
        }
    }

    @Test
    void aRemoteDriverAloneDoesNotServeLocalUris() {
        addRemote();
        assertThatThrownBy(() -> factory.open("rec:///x")).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.DRIVER_UNAVAILABLE));
        assertThat(remote.context).isNull();
    }

    @Test
    void aLocalDriverDoesNotServeATransport() {
        addLocal();
        assertThatThrownBy(() -> factory.open("rec+tls://node1/x")).isInstanceOf(VirtException.class);
        assertThat(local.context).isNull();
    }
}
