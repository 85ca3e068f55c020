package org.virtlayer.remote.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.virtlayer.api.VirtException;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.NetworkRef;
import org.virtlayer.spi.PoolRef;
import org.virtlayer.spi.VolumeRef;

/**
 * The arguments of one call, read with types and bounds. Every accessor fails with INVALID_ARG naming the argument
 * (never echoing the peer's value) when it is missing, of the wrong type or too long; counts are checked against
 * {@link WireLimits} before anything is built from them.
 */
public final class Args {
    private final ObjectNode node;

    public Args(ObjectNode node) {
        this.node = node;
    }

    /** Reads a request body; see {@link WireJson#readObject}. */
    public static Args parse(byte[] body) {
        return new Args(WireJson.readObject(body));
    }

    public ObjectNode node() {
        return node;
    }

    private JsonNode required(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw bad(name, "is required");
        }
        return v;
    }

    public String string(String name) {
        JsonNode v = required(name);
        if (!v.isTextual()) {
            throw bad(name, "must be a string");
        }
        return v.textValue();
    }

    /** A string that may be absent or null. */
    public String optString(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw bad(name, "must be a string or null");
        }
        return v.textValue();
    }

    public long longValue(String name) {
        JsonNode v = required(name);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw bad(name, "must be an integer");
        }
        return v.longValue();
    }

    public int intValue(String name) {
        JsonNode v = required(name);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw bad(name, "must be a 32-bit integer");
        }
        return v.intValue();
    }

    public boolean bool(String name) {
        JsonNode v = required(name);
        if (!v.isBoolean()) {
            throw bad(name, "must be true or false");
        }
        return v.booleanValue();
    }

    /** A boolean that defaults to false when absent. */
    public boolean optBool(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull() && bool(name);
    }

    public UUID uuid(String name) {
        return parseUuid(string(name), name);
    }

    private static UUID parseUuid(String text, String name) {
        if (text.length() > 36) {
            throw bad(name, "must be a UUID");
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw bad(name, "must be a UUID");
        }
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String s = string(name);
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            throw bad(name, "must be one of " + List.of(type.getEnumConstants()));
        }
    }

    /** An array of enum names; absent or null is the empty set. */
    public <E extends Enum<E>> Set<E> flags(String name, Class<E> type) {
        JsonNode v = node.get(name);
        Set<E> out = EnumSet.noneOf(type);
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray() || v.size() > WireLimits.MAX_FLAGS) {
            throw bad(name, "must be an array of at most " + WireLimits.MAX_FLAGS + " names");
        }
        for (JsonNode f : v) {
            if (!f.isTextual()) {
                throw bad(name, "must hold names of " + type.getSimpleName());
            }
            try {
                out.add(Enum.valueOf(type, f.textValue()));
            } catch (IllegalArgumentException e) {
                throw bad(name, "holds an unknown " + type.getSimpleName() + "; known: "
                        + List.of(type.getEnumConstants()));
            }
        }
        return out;
    }

    private ObjectNode object(String name) {
        JsonNode v = required(name);
        if (!v.isObject()) {
            throw bad(name, "must be an object");
        }
        return (ObjectNode) v;
    }

    public DomainRef domain(String name) {
        Args o = new Args(object(name));
        JsonNode id = o.node.get("id");
        return new DomainRef(o.string("name"), o.uuid("uuid"),
                id == null || id.isNull() ? -1 : o.intValue("id"));
    }

    /** An array of domains, or null when absent or null (meaning "all of them"). */
    public List<DomainRef> optDomains(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray() || v.size() > WireLimits.MAX_ARRAY) {
            throw bad(name, "must be an array of at most " + WireLimits.MAX_ARRAY + " domains");
        }
        List<DomainRef> out = new ArrayList<>(v.size());
        for (JsonNode d : (ArrayNode) v) {
            if (!d.isObject()) {
                throw bad(name, "must hold domain objects");
            }
            ObjectNode wrapper = WireJson.mapper().createObjectNode();
            wrapper.set("d", d);
            out.add(new Args(wrapper).domain("d"));
        }
        return out;
    }

    public NetworkRef network(String name) {
        Args o = new Args(object(name));
        return new NetworkRef(o.string("name"), o.uuid("uuid"));
    }

    public PoolRef pool(String name) {
        Args o = new Args(object(name));
        JsonNode uuid = o.node.get("uuid");
        return new PoolRef(o.string("name"), uuid == null || uuid.isNull() ? null : o.uuid("uuid"),
                o.optString("type"));
    }

    public VolumeRef volume(String name) {
        Args o = new Args(object(name));
        return new VolumeRef(o.string("pool"), o.string("name"), o.optString("key"));
    }

    private static VirtException bad(String name, String what) {
        return VirtException.invalidArg("argument '" + name + "' " + what);
    }
}
