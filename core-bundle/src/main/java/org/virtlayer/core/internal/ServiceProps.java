package org.virtlayer.core.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/** Reading a driver's service properties, which OSGi allows as a String, a String[] or a Collection. */
final class ServiceProps {
    private ServiceProps() {
    }

    static Map<String, Object> of(ServiceReference<?> ref) {
        Map<String, Object> m = new HashMap<>();
        for (String k : ref.getPropertyKeys()) {
            m.put(k, ref.getProperty(k));
        }
        return m;
    }

    static List<String> strings(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof String[]) {
            return List.of((String[]) v);
        }
        if (v instanceof Collection) {
            return ((Collection<?>) v).stream().map(String::valueOf).toList();
        }
        return Arrays.stream(String.valueOf(v).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static String first(Map<String, Object> p, String key) {
        List<String> l = strings(p, key);
        return l.isEmpty() ? "unnamed" : l.get(0);
    }

    static String string(Map<String, Object> p, String key, String fallback) {
        Object v = p.get(key);
        return v == null ? fallback : String.valueOf(v);
    }

    static int ranking(Map<String, Object> p) {
        Object v = p.get(Constants.SERVICE_RANKING);
        return v instanceof Integer ? (Integer) v : 0;
    }

    static String bundle(ServiceReference<?> ref) {
        Bundle b = ref.getBundle();
        return b == null ? "?" : b.getSymbolicName() + "/" + b.getVersion();
    }
}
