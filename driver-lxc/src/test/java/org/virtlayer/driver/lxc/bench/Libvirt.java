package org.virtlayer.driver.lxc.bench;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/** The few libvirt client calls the benchmark makes, through JNA (libvirt.so.0 of Debian's libvirt0). */
interface Libvirt extends Library {
    Libvirt INSTANCE = Native.load("virt", Libvirt.class);

    /** {@code VIR_DOMAIN_SHUTDOWN_SIGNAL}. */
    int SHUTDOWN_SIGNAL = 8;
    /** {@code VIR_DOMAIN_STATS_STATE | CPU_TOTAL | BALLOON | VCPU | INTERFACE | BLOCK}. */
    int ALL_STATS = 1 | 2 | 4 | 8 | 16 | 32;

    Pointer virConnectOpen(String uri);

    int virConnectClose(Pointer conn);

    Pointer virDomainDefineXML(Pointer conn, String xml);

    Pointer virDomainCreateXML(Pointer conn, String xml, int flags);

    int virDomainCreate(Pointer domain);

    int virDomainShutdownFlags(Pointer domain, int flags);

    int virDomainDestroy(Pointer domain);

    int virDomainUndefine(Pointer domain);

    int virDomainIsActive(Pointer domain);

    int virDomainGetID(Pointer domain);

    int virDomainFree(Pointer domain);

    int virConnectListAllDomains(Pointer conn, PointerByReference domains, int flags);

    int virConnectGetAllDomainStats(Pointer conn, int stats, PointerByReference records, int flags);

    void virDomainStatsRecordListFree(Pointer records);

    String virGetLastErrorMessage();
}
