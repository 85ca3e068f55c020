package org.virtlayer.api;

/** What {@link Network#update} does, libvirt's {@code virNetworkUpdateCommand}. */
public enum NetworkUpdateCommand {
    MODIFY, DELETE, ADD_LAST, ADD_FIRST
}
