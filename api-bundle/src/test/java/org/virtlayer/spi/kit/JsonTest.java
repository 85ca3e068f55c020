package org.virtlayer.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON that QMP, QEMU's command line and qemu-img speak. */
class JsonTest {
    @Test
    void jsonRoundTrips() {
        String text = "{\"a\":[1,-2,3.5,true,false,null],\"b\":{\"c\":\"\\u00e9\\n\\\"x\\\"\"},\"big\":"
                + "18446744073709551615}";
        Map<String, Object> o = Json.parseObject(text);
        assertThat(Json.asList(o.get("a"))).containsExactly(1L, -2L, 3.5, true, false, null);
        assertThat(Json.asObject(o.get("b"))).containsEntry("c", "é\n\"x\"");
        assertThat(((Number) o.get("big")).doubleValue()).isGreaterThan(1e19);
        assertThat(Json.write(Json.obj("driver", "x", "n", 3L, "s", "a\"b\\c", "skip", null)))
                .isEqualTo("{\"driver\":\"x\",\"n\":3,\"s\":\"a\\\"b\\\\c\"}");
        assertThatThrownBy(() -> Json.parse("{\"a\":}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset");
    }
}
