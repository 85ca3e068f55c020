package org.virtlayer.api;

/**
 * The node's processors and memory, as {@code virsh nodeinfo} prints them.
 *
 * @param model CPU model (libvirt prints the architecture here, e.g. {@code x86_64})
 * @param memoryKiB memory size in KiB
 * @param cpus active CPUs
 * @param mhz expected CPU frequency, 0 when unknown
 * @param numaCells NUMA cells, 1 for a uniform machine
 * @param sockets CPU sockets per NUMA cell
 * @param cores cores per socket
 * @param threads threads per core
 */
public record NodeInfo(String model, long memoryKiB, int cpus, int mhz, int numaCells, int sockets, int cores,
        int threads) {
}
