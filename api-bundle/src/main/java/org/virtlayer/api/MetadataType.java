package org.virtlayer.api;

/** Which metadata of a domain, libvirt's {@code VIR_DOMAIN_METADATA_*}. */
public enum MetadataType {
    /** The {@code <description>} text. */
    DESCRIPTION,
    /** The {@code <title>} text. */
    TITLE,
    /** One element of {@code <metadata>}, identified by its namespace URI. */
    ELEMENT
}
