package org.virtlayer.driver.test.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.spi.NetworkPort;
import org.virtlayer.spi.NetworkPortRequest;
import org.virtlayer.spi.NetworkRef;
import org.virtlayer.spi.NetworkService;

/** Network ports on the test node: recorded with the network's bridge, dropped when the network stops. */
class TestNetworkPortsTest {
    private final NetworkService networks = new TestNetworks(TestNodeLoader.defaultNode());
    private final NetworkRef net = networks.lookupNetworkByName("default");

    @Test
    void aPortNamesTheBridgeAndKeepsOrGeneratesTheMac() {
        UUID vm = UUID.randomUUID();
        NetworkPort given = networks.createPort(net, new NetworkPortRequest("vm", vm, "52:54:00:AA:BB:CC"));
        NetworkPort generated = networks.createPort(net, new NetworkPortRequest("vm", vm, null));

        assertThat(given.bridge()).isEqualTo("virbr0");
        assertThat(given.plugType()).isEqualTo(NetworkPort.PLUG_NETWORK);
        assertThat(given.mac()).isEqualTo("52:54:00:aa:bb:cc");
        assertThat(generated.mac()).matches("52:54:00(:[0-9a-f]{2}){3}");
        assertThat(networks.listPorts(net)).containsExactly(given, generated);

        networks.deletePort(net, given.uuid());
        assertThat(networks.listPorts(net)).containsExactly(generated);
        assertThatThrownBy(() -> networks.deletePort(net, given.uuid())).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_NETWORK_PORT));
    }

    @Test
    void portsNeedAnActiveNetworkAndEndWithIt() {
        networks.createPort(net, new NetworkPortRequest("vm", UUID.randomUUID(), null));
        networks.destroyNetwork(net);

        assertThat(networks.listPorts(net)).isEmpty();
        assertThatThrownBy(() -> networks.createPort(net, new NetworkPortRequest("vm", UUID.randomUUID(), null)))
                .isInstanceOfSatisfying(VirtException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_INVALID));
    }
}
