package org.virtlayer.api;

/**
 * What {@code virDomainGetInfo} returns: state, the memory ceiling and current memory in KiB, the number of vCPUs and
 * the CPU time used, in nanoseconds.
 */
public record DomainInfo(DomainState state, long maxMemoryKiB, long memoryKiB, int vcpus, long cpuTimeNanos) {
}
