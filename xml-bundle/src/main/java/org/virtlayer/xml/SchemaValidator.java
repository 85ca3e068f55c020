package org.virtlayer.xml;

import java.util.EnumMap;
import java.util.Map;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.internal.schema.CompiledSchemas;

/**
 * Validates documents against libvirt's RELAX NG schemas, as {@code virsh define --validate} does, with Jing (embedded
 * in this bundle). A schema is compiled once, on first use, and shared: validation is thread-safe. The document is
 * read with the same refusals as {@link SafeXmlParser}: no DOCTYPE, no external entity, no XInclude, nothing fetched
 * from a file or the network, and the size limit of {@link XmlLimits#DEFAULT}.
 */
public final class SchemaValidator {
    private static final Map<LibvirtSchema, String> LABELS = new EnumMap<>(LibvirtSchema.class);

    static {
        for (LibvirtSchema s : LibvirtSchema.values()) {
            LABELS.put(s, s.file());
        }
    }

    private SchemaValidator() {
    }

    /**
     * Validates a document.
     *
     * @throws VirtException {@link ErrorCode#XML_INVALID_SCHEMA} naming the line, column and element at fault;
     *     {@link ErrorCode#XML_ERROR} when the document is not well-formed or is refused as unsafe;
     *     {@link ErrorCode#INTERNAL_ERROR} when the schema itself cannot be loaded
     */
    public static void validate(String xml, LibvirtSchema schema) {
        if (xml == null) {
            throw VirtException.xml("no XML document given");
        }
        if (xml.length() > XmlLimits.DEFAULT.maxChars()) {
            throw VirtException.xml("document of " + xml.length() + " characters is larger than the limit of "
                    + XmlLimits.DEFAULT.maxChars());
        }
        String problem = CompiledSchemas.get(schema).firstError(xml);
        if (problem != null) {
            throw new VirtException(ErrorCode.XML_INVALID_SCHEMA, "XML document failed to validate against schema "
                    + LABELS.get(schema) + ": " + problem);
        }
    }

    /** Validates a domain definition. */
    public static void validateDomain(String xml) {
        validate(xml, LibvirtSchema.DOMAIN);
    }

    /** Validates a network definition. */
    public static void validateNetwork(String xml) {
        validate(xml, LibvirtSchema.NETWORK);
    }

    /** Validates a storage pool definition. */
    public static void validatePool(String xml) {
        validate(xml, LibvirtSchema.STORAGE_POOL);
    }

    /** Validates a storage volume definition. */
    public static void validateVolume(String xml) {
        validate(xml, LibvirtSchema.STORAGE_VOLUME);
    }
}
