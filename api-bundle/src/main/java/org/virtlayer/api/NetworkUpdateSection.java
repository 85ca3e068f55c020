package org.virtlayer.api;

/** Which part of a network definition {@link Network#update} changes, libvirt's {@code virNetworkUpdateSection}. */
public enum NetworkUpdateSection {
    BRIDGE("bridge"), DOMAIN("domain"), IP("ip"), IP_DHCP_HOST("ip-dhcp-host"), IP_DHCP_RANGE("ip-dhcp-range"),
    FORWARD("forward"), FORWARD_INTERFACE("forward-interface"), FORWARD_PF("forward-pf"), PORTGROUP("portgroup"),
    DNS_HOST("dns-host"), DNS_TXT("dns-txt"), DNS_SRV("dns-srv");

    private final String virshName;

    NetworkUpdateSection(String virshName) {
        this.virshName = virshName;
    }

    /** The section name {@code virsh net-update} takes. */
    public String virshName() {
        return virshName;
    }
}
