package org.virtlayer.api;

import java.util.Map;
import java.util.UUID;

/**
 * One domain's statistics: libvirt's typed parameters in the order libvirt gives them. Values are {@link Long},
 * {@link Integer}, {@link Double}, {@link Boolean} or {@link String}.
 */
public record DomainStatsRecord(String domainName, UUID domainUuid, Map<String, Object> stats) {
    public DomainStatsRecord {
        stats = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stats));
    }
}
