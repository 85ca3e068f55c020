package org.virtlayer.api;

/** Why a connection closed, libvirt's {@code virConnectCloseReason} plus virtlayer's driver removal. */
public enum CloseReason {
    /** Misc I/O error or a failure on the node. */
    ERROR,
    /** The other end closed it. */
    EOF,
    /** Keepalive timer fired. */
    KEEPALIVE,
    /** The caller closed it. */
    CLIENT,
    /** The driver serving it was uninstalled or stopped. */
    DRIVER_REMOVED
}
