package org.virtlayer.storage.dir.internal;

import java.util.Map;
import org.virtlayer.spi.kit.Json;

/**
 * What {@code qemu-img info} says of one image file, read with an explicit format.
 *
 * @param format the format qemu-img was told to read it as
 * @param capacity the size the guest sees, in bytes ({@code virtual-size})
 * @param allocation the bytes the file occupies on the disk ({@code actual-size})
 * @param backingFile the backing file as the image names it, or null
 * @param backingFormat the backing file's format as the image records it, or null when it records none (it is then
 *     never guessed)
 * @param clusterSize qcow2's cluster size in bytes, 0 for raw
 * @param compat qcow2's compatibility level ({@code 0.10}, {@code 1.1}), or null
 */
record ImageInfo(String format, long capacity, long allocation, String backingFile, String backingFormat,
        long clusterSize, String compat) {

    @SuppressWarnings("unchecked")
    static ImageInfo fromJson(String json) {
        Object parsed = Json.parse(json);
        if (!(parsed instanceof Map)) {
            throw new IllegalArgumentException("qemu-img info did not print a JSON object");
        }
        Map<String, Object> m = (Map<String, Object>) parsed;
        String compat = null;
        if (m.get("format-specific") instanceof Map<?, ?> fs && fs.get("data") instanceof Map<?, ?> data
                && data.get("compat") instanceof String c) {
            compat = c;
        }
        String backing = (String) m.get("full-backing-filename");
        if (backing == null) {
            backing = (String) m.get("backing-filename");
        }
        return new ImageInfo((String) m.get("format"), number(m, "virtual-size"), number(m, "actual-size"), backing,
                (String) m.get("backing-filename-format"), number(m, "cluster-size"), compat);
    }

    private static long number(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Number n ? n.longValue() : 0;
    }
}
