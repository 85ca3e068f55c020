package org.virtlayer.api;

/** Flags for {@link Domain#xml}, libvirt's {@code VIR_DOMAIN_XML_*}. */
public enum DomainXmlFlag {
    /** Include security-sensitive data such as VNC passwords. */
    SECURE,
    /** The persistent definition, not the live one. */
    INACTIVE,
    /** Update the guest CPU requirements to match the host. */
    UPDATE_CPU,
    /** A form fit for migration. */
    MIGRATABLE
}
