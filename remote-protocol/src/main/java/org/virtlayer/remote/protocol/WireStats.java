package org.virtlayer.remote.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.virtlayer.api.DomainStatsRecord;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/**
 * A domain's statistics on the wire. JSON numbers lose Java's int/long distinction, so each value carries libvirt's
 * typed-parameter kind: {@code {"name":"state.state","type":"int","value":1}}; types are {@code int}, {@code long},
 * {@code double}, {@code boolean}, {@code string}.
 */
public record WireStats(String domainName, UUID domainUuid, List<Stat> stats) {

    public record Stat(String name, String type, Object value) {
    }

    public static WireStats of(DomainStatsRecord r) {
        List<Stat> out = new ArrayList<>(r.stats().size());
        r.stats().forEach((k, v) -> out.add(new Stat(k, typeOf(v), v)));
        return new WireStats(r.domainName(), r.domainUuid(), out);
    }

    private static String typeOf(Object v) {
        if (v instanceof Integer) {
            return "int";
        }
        if (v instanceof Long) {
            return "long";
        }
        if (v instanceof Double || v instanceof Float) {
            return "double";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        return "string";
    }

    public DomainStatsRecord toRecord() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (stats != null) {
            for (Stat s : stats) {
                m.put(s.name(), value(s));
            }
        }
        return new DomainStatsRecord(domainName, domainUuid, m);
    }

    private static Object value(Stat s) {
        Object v = s.value();
        try {
            return switch (s.type() == null ? "string" : s.type()) {
                case "int" -> ((Number) v).intValue();
                case "long" -> ((Number) v).longValue();
                case "double" -> ((Number) v).doubleValue();
                case "boolean" -> (Boolean) v;
                default -> String.valueOf(v);
            };
        } catch (ClassCastException | NullPointerException e) {
            throw new VirtException(ErrorCode.RPC, "RPC error: statistic '" + s.name() + "' is not a " + s.type());
        }
    }
}
