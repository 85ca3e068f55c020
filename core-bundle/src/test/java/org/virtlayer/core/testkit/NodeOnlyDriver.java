package org.virtlayer.core.testkit;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.virtlayer.api.DomainListFlag;
import org.virtlayer.api.DomainStateInfo;
import org.virtlayer.api.VirtException;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.DomainSummary;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.HypervisorConnection;
import org.virtlayer.spi.HypervisorDriver;
import org.virtlayer.spi.OpenRequest;

/**
 * A hypervisor driver with no domains and no networks or storage of its own, as the QEMU driver is: a connection's
 * pools and networks then come from the backends installed on the node, through the core's routers, as a user's
 * would. For the backends' tests and benchmarks (this module's test-jar).
 */
public final class NodeOnlyDriver implements HypervisorDriver {
    private static final Object NODE = new Object();

    /** What the core gave the last connection: its networks() are what a hypervisor driver plugs guests in with. */
    private volatile DriverContext lastContext;

    public DriverContext lastContext() {
        return lastContext;
    }

    @Override
    public HypervisorConnection open(OpenRequest request, DriverContext context) {
        lastContext = context;
        return new HypervisorConnection() {
            @Override
            public Object node() {
                return NODE;
            }

            @Override
            public String hypervisorType() {
                return "NODE";
            }

            @Override
            public List<DomainSummary> listDomains(Set<DomainListFlag> flags) {
                return List.of();
            }

            @Override
            public DomainRef lookupDomainByName(String name) {
                throw VirtException.noDomain(name);
            }

            @Override
            public DomainRef lookupDomainByUuid(UUID uuid) {
                throw VirtException.noDomain(uuid.toString());
            }

            @Override
            public DomainStateInfo domainState(DomainRef domain) {
                throw VirtException.noDomain(domain.name());
            }

            @Override
            public DomainSummary domainSummary(DomainRef domain) {
                throw VirtException.noDomain(domain.name());
            }
        };
    }
}
