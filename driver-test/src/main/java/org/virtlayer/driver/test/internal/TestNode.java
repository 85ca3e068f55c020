package org.virtlayer.driver.test.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.virtlayer.api.NodeInfo;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.api.event.NetworkEventType;
import org.virtlayer.api.event.StoragePoolEventType;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.EventSink;
import org.virtlayer.spi.NetworkRef;
import org.virtlayer.spi.PoolRef;

/**
 * One in-memory node of the test driver: its processors and memory, domains, networks, pools and devices. Every
 * object of the node is guarded by the node's monitor; events go to the sink of the connection that owns the node.
 */
final class TestNode {
    /** One NUMA cell: its memory in KiB, its free memory in KiB, its page size in KiB. */
    record Cell(int id, long memoryKiB, long freeKiB, int pageSizeKiB) {
    }

    /** One node device: name, parent, capability names and its XML. */
    record Device(String name, String parent, List<String> capabilities, String xml) {
    }

    NodeInfo nodeInfo = new NodeInfo("i686", 3145728, 16, 1400, 2, 2, 2, 2);
    List<Cell> cells = List.of();

    final Map<String, TestDomain> domainsByName = new LinkedHashMap<>();
    final Map<UUID, TestDomain> domainsByUuid = new HashMap<>();
    final Map<Integer, TestDomain> domainsById = new HashMap<>();
    int nextId = 1;
    /** Every domain's summary in order, kept between changes: listing an unchanged node costs nothing. */
    private List<org.virtlayer.spi.DomainSummary> summaries;

    final Map<String, TestNetwork> networks = new LinkedHashMap<>();
    final Map<String, TestPool> pools = new LinkedHashMap<>();
    final List<Device> devices = new ArrayList<>();

    private volatile EventSink sink;

    void setSink(EventSink sink) {
        this.sink = sink;
    }

    void emit(DomainRef d, DomainEventDetail detail) {
        EventSink s = sink;
        if (s != null) {
            s.domainEvent(d, detail);
        }
    }

    void emit(NetworkRef n, NetworkEventType type) {
        EventSink s = sink;
        if (s != null) {
            s.networkEvent(n, type);
        }
    }

    void emit(PoolRef p, StoragePoolEventType type) {
        EventSink s = sink;
        if (s != null) {
            s.storagePoolEvent(p, type);
        }
    }

    // ---- domain bookkeeping (callers hold the monitor)

    /** The summaries of all domains, in definition order; callers hold the monitor. */
    List<org.virtlayer.spi.DomainSummary> summaries() {
        List<org.virtlayer.spi.DomainSummary> s = summaries;
        if (s == null) {
            org.virtlayer.spi.DomainSummary[] a = new org.virtlayer.spi.DomainSummary[domainsByName.size()];
            int i = 0;
            for (TestDomain d : domainsByName.values()) {
                a[i++] = d.summary();
            }
            summaries = s = List.of(a);
        }
        return s;
    }

    void add(TestDomain d) {
        d.onChange = this::invalidateSummaries;
        summaries = null;
        domainsByName.put(d.name(), d);
        domainsByUuid.put(d.uuid, d);
        if (d.id >= 0) {
            domainsById.put(d.id, d);
        }
    }

    void invalidateSummaries() {
        summaries = null;
    }

    void remove(TestDomain d) {
        summaries = null;
        domainsByName.remove(d.name());
        domainsByUuid.remove(d.uuid);
        if (d.id >= 0) {
            domainsById.remove(d.id);
        }
    }

    void assignId(TestDomain d) {
        d.id = nextId++;
        d.def.setId(d.id);
        d.changed();
        domainsById.put(d.id, d);
    }

    void releaseId(TestDomain d) {
        if (d.id >= 0) {
            domainsById.remove(d.id);
        }
        d.id = -1;
        d.changed();
    }

    long freeMemoryBytes() {
        // libvirt's test driver answers virNodeGetFreeMemory with the node's memory size, a KiB figure that virsh
        // then prints as bytes; we keep the same answer so that scripts written against libvirt's see the same
        return nodeInfo.memoryKiB();
    }
}
