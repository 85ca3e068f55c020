package org.virtlayer.remote.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/**
 * The one JSON mapper of the protocol: bounded reads ({@link WireLimits}), no polymorphic typing (a peer can never
 * name a Java class), trailing garbage refused, and unknown reply fields ignored so that newer servers may add some.
 */
public final class WireJson {
    private static final ObjectMapper MAPPER = build();

    private WireJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper build() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(WireLimits.MAX_DEPTH)
                        .maxNumberLength(WireLimits.MAX_NUMBER_CHARS)
                        .maxStringLength(WireLimits.MAX_STRING_CHARS)
                        .maxNameLength(256)
                        .build())
                // error messages must not echo what a hostile peer sent
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    /**
     * Reads a request body: an empty body is an empty object; anything but one JSON object is refused.
     *
     * @throws VirtException {@link ErrorCode#RPC} saying what is wrong, never the peer's bytes
     */
    public static ObjectNode readObject(byte[] body) {
        if (body.length == 0) {
            return MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed(e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            throw malformed(e.getClass().getSimpleName());
        }
        if (node == null || node.isMissingNode()) {
            return MAPPER.createObjectNode();
        }
        if (!node.isObject()) {
            throw malformed("the body must be a JSON object, not " + node.getNodeType().name().toLowerCase());
        }
        return (ObjectNode) node;
    }

    /** Reads one value of a known type (replies, events); a malformed one is an RPC error. */
    public static <T> T read(byte[] body, Class<T> type) {
        try {
            return MAPPER.readValue(body, type);
        } catch (IOException | RuntimeException e) {
            throw new VirtException(ErrorCode.RPC, "RPC error: malformed " + type.getSimpleName() + " from peer: "
                    + (e instanceof JsonProcessingException ? ((JsonProcessingException) e).getOriginalMessage()
                            : e.getClass().getSimpleName()));
        }
    }

    public static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new VirtException(ErrorCode.RPC, "RPC error: malformed " + type.getSimpleName() + " from peer: "
                    + (e instanceof JsonProcessingException ? ((JsonProcessingException) e).getOriginalMessage()
                            : e.getMessage()));
        }
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: cannot write JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static VirtException malformed(String why) {
        String w = why == null ? "" : why.length() > 200 ? why.substring(0, 200) + "..." : why;
        return new VirtException(ErrorCode.RPC, "RPC error: malformed JSON request: " + w);
    }
}
