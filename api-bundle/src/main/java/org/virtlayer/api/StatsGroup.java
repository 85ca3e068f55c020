package org.virtlayer.api;

/**
 * Groups of domain statistics, as {@code virsh domstats} offers them ({@code --state}, {@code --cpu-total},
 * {@code --balloon}, {@code --vcpu}, {@code --interface}, {@code --block}). Keys in a {@link DomainStatsRecord} are
 * libvirt's typed-parameter names: {@code state.state}, {@code cpu.time}, {@code balloon.current},
 * {@code vcpu.0.time}, {@code net.0.rx.bytes}, {@code block.0.rd.reqs}, ...
 */
public enum StatsGroup {
    STATE("state"), CPU_TOTAL("cpu-total"), BALLOON("balloon"), VCPU("vcpu"), INTERFACE("interface"), BLOCK("block");

    private final String virshName;

    StatsGroup(String virshName) {
        this.virshName = virshName;
    }

    /** The name of the virsh option without dashes. */
    public String virshName() {
        return virshName;
    }
}
