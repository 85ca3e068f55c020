package org.virtlayer.xml;

/**
 * Driver-specific choices libvirt makes while parsing a domain: the architecture a guest gets when its XML names none,
 * and whether to read the definition as inactive (ignoring runtime-only data such as the domain ID).
 *
 * @param defaultArch architecture for {@code <os><type>} without {@code arch}, e.g. {@code x86_64}; null leaves it out
 * @param inactive parse as a persistent definition: no {@code id}, no live-only state
 */
public record DomainParseOptions(String defaultArch, boolean inactive) {
    /** Generic rules: inactive, with x86_64 as libvirt's generic test harness uses. */
    public static final DomainParseOptions GENERIC = new DomainParseOptions("x86_64", true);

    public DomainParseOptions withDefaultArch(String arch) {
        return new DomainParseOptions(arch, inactive);
    }
}
