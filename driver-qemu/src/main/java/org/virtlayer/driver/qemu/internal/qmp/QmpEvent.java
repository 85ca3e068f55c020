package org.virtlayer.driver.qemu.internal.qmp;

import java.util.Map;

/** One QMP event: its name ({@code SHUTDOWN}, {@code STOP}, ...), its data and QEMU's timestamp in microseconds. */
public record QmpEvent(String name, Map<String, Object> data, long timestampMicros) {
}
