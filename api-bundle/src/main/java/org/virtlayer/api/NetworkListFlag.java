package org.virtlayer.api;

/** Filters for {@link Connection#listNetworks}; groups combine as for {@link DomainListFlag}. */
public enum NetworkListFlag {
    ACTIVE, INACTIVE, PERSISTENT, TRANSIENT, AUTOSTART, NO_AUTOSTART
}
