package org.virtlayer.api;

/** Flags for {@link Connection#defineDomain}, libvirt's {@code VIR_DOMAIN_DEFINE_*}. */
public enum DomainDefineFlag {
    /** Validate the XML against libvirt's RELAX NG schema before accepting it. */
    VALIDATE
}
