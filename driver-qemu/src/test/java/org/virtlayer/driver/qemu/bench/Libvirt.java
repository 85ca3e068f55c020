package org.virtlayer.driver.qemu.bench;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/** The few libvirt client calls the benchmark makes, through JNA (libvirt.so.0 of Debian's libvirt0). */
interface Libvirt extends Library {
    Libvirt INSTANCE = Native.load("virt", Libvirt.class);

    int VIR_DOMAIN_START_PAUSED = 1;

    Pointer virConnectOpen(String uri);

    int virConnectClose(Pointer conn);

    Pointer virDomainDefineXML(Pointer conn, String xml);

    Pointer virDomainCreateXML(Pointer conn, String xml, int flags);

    int virDomainCreate(Pointer domain);

    int virDomainShutdown(Pointer domain);

    int virDomainDestroy(Pointer domain);

    int virDomainUndefine(Pointer domain);

    int virDomainIsActive(Pointer domain);

    int virDomainFree(Pointer domain);

    int virConnectListAllDomains(Pointer conn, PointerByReference domains, int flags);

    int virConnectGetAllDomainStats(Pointer conn, int stats, PointerByReference records, int flags);

    void virDomainStatsRecordListFree(Pointer records);

    String virGetLastErrorMessage();
}
