package org.virtlayer.driver.remote.internal;

import com.fasterxml.jackson.databind.JavaType;
import java.util.List;
import org.virtlayer.remote.protocol.WireJson;

/** Jackson types of results. */
final class Types {
    private Types() {
    }

    static JavaType listOf(Class<?> element) {
        return WireJson.mapper().getTypeFactory().constructCollectionType(List.class, element);
    }
}
