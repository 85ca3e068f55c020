package org.virtlayer.api;

/** Flags for {@link Domain#start} and {@link Connection#createDomain}, libvirt's {@code VIR_DOMAIN_START_*}. */
public enum DomainStartFlag {
    /** Leave the domain paused after it starts. */
    PAUSED,
    /** Destroy the domain when the connection that started it closes. */
    AUTODESTROY,
    /** Start afresh even if a managed save image exists. */
    FORCE_BOOT,
    /** Validate the XML against the schema (for {@link Connection#createDomain}). */
    VALIDATE
}
