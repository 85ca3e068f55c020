package org.virtlayer.api;

/** Flags for {@link Domain#undefine}, libvirt's {@code VIR_DOMAIN_UNDEFINE_*}. */
public enum DomainUndefineFlag {
    MANAGED_SAVE, SNAPSHOTS_METADATA, NVRAM, KEEP_NVRAM, CHECKPOINTS_METADATA
}
