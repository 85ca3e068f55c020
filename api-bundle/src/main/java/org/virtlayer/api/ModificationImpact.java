package org.virtlayer.api;

/**
 * Which definition a change applies to, libvirt's {@code VIR_DOMAIN_AFFECT_*}: none or {@link #CURRENT} means the live
 * domain if it is running, else its persistent definition; {@link #LIVE} and {@link #CONFIG} may be combined.
 */
public enum ModificationImpact {
    CURRENT, LIVE, CONFIG
}
