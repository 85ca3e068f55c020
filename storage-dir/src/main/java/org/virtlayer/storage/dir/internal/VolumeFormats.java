package org.virtlayer.storage.dir.internal;

import java.util.Set;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/** The volume formats this backend creates and reads. */
final class VolumeFormats {
    static final String RAW = "raw";
    static final String QCOW2 = "qcow2";
    static final Set<String> SUPPORTED = Set.of(RAW, QCOW2);

    private VolumeFormats() {
    }

    /** The format a new volume's XML asks for, raw when it names none (libvirt's default for dir pools). */
    static String requested(String format) {
        if (format == null || format.isEmpty()) {
            return RAW;
        }
        if (!SUPPORTED.contains(format)) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: volume format '"
                    + format + "' is not supported by dir pools of this backend (raw, qcow2)");
        }
        return format;
    }
}
