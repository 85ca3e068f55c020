package org.virtlayer.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

class MacAddressesTest {
    @Test
    void generatedAddressesCarryLibvirtsPrefixAndDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String mac = MacAddresses.generate();
            assertThat(mac).matches("52:54:00(:[0-9a-f]{2}){3}");
            seen.add(mac);
        }
        assertThat(seen).hasSizeGreaterThan(190);
    }

    @Test
    void theHostSideTakesFeOrFaAsFirstByte() {
        assertThat(MacAddresses.hostSideOf("52:54:00:12:34:56")).isEqualTo("fe:54:00:12:34:56");
        assertThat(MacAddresses.hostSideOf("FE:54:00:12:34:56")).isEqualTo("fa:54:00:12:34:56");
    }

    @Test
    void malformedAndMulticastAddressesAreRefused() {
        for (String bad : new String[] {"52:54:00:12:34", "52-54-00-12-34-56", "zz:54:00:12:34:56", "01:00:5e:00:00:01",
            null}) {
            assertThatThrownBy(() -> MacAddresses.normalize(bad)).as(String.valueOf(bad))
                    .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(
                            ErrorCode.INVALID_MAC));
        }
        assertThat(MacAddresses.normalize("52:54:00:AB:CD:EF")).isEqualTo("52:54:00:ab:cd:ef");
    }
}
