package org.virtlayer.shell.internal.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FormatTest {
    @Test
    void capacityIsVirshsPrettySize() {
        assertThat(Capacity.pretty(0)).isEqualTo("0.00 B");
        assertThat(Capacity.pretty(1023)).isEqualTo("1023.00 B");
        assertThat(Capacity.pretty(1024)).isEqualTo("1.00 KiB");
        assertThat(Capacity.pretty(107374182400L)).isEqualTo("100.00 GiB");
        assertThat(Capacity.pretty(1536L * 1024 * 1024)).isEqualTo("1.50 GiB");
    }

    @Test
    void scaledIntegersReadVirshsUnits() {
        assertThat(ScaledInteger.parse("1024", "size", 1024, 1024)).isEqualTo(1024);
        assertThat(ScaledInteger.parse("1G", "size", 1024, 1024)).isEqualTo(1024 * 1024);
        assertThat(ScaledInteger.parse("1GiB", "size", 1, 1)).isEqualTo(1L << 30);
        assertThat(ScaledInteger.parse("1GB", "size", 1, 1)).isEqualTo(1_000_000_000L);
        assertThat(ScaledInteger.parse("10m", "size", 1, 1)).isEqualTo(10L << 20);
        assertThat(ScaledInteger.parse("5b", "size", 1024, 1)).isEqualTo(5);
        // a size that is not whole KiB is rounded up, never down to nothing
        assertThat(ScaledInteger.parse("1b", "size", 1024, 1024)).isEqualTo(1);
        assertThatThrownBy(() -> ScaledInteger.parse("-1", "memory size", 1024, 1024))
                .hasMessageStartingWith("invalid memory size '-1'");
        assertThatThrownBy(() -> ScaledInteger.parse("1Q", "size", 1, 1)).hasMessageStartingWith("invalid size");
        assertThatThrownBy(() -> ScaledInteger.parse("99999999999E", "size", 1, 1))
                .hasMessageStartingWith("numerical overflow");
    }

    @Test
    void typedValuesPrintLikeC() {
        assertThat(TypedValue.format(1.5)).isEqualTo("1.5");
        assertThat(TypedValue.format(2.0)).isEqualTo("2");
        assertThat(TypedValue.format(1234567.0)).isEqualTo("1.23457e+06");
        assertThat(TypedValue.format(0.00001)).isEqualTo("1e-05");
        assertThat(TypedValue.format(0.5)).isEqualTo("0.5");
        assertThat(TypedValue.format(42L)).isEqualTo("42");
        assertThat(TypedValue.format(true)).isEqualTo("yes");
    }

    @Test
    void keyValueBlocksPadLabels() {
        assertThat(new KeyValueBlock(15).add("Id:", 1).add("Name:", "test").toString())
                .isEqualTo("Id:             1\nName:           test\n");
    }
}
