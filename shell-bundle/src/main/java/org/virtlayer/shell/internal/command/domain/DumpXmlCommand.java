package org.virtlayer.shell.internal.command.domain;

import java.util.EnumSet;
import java.util.Set;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.api.DomainXmlFlag;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.DomainNameCompleter;
import org.virtlayer.shell.internal.domain.DomainQueries;

/** virsh's {@code dumpxml}. */
@Command(scope = "virt", name = "dumpxml", description = "Prints a domain's XML definition: the live one while it"
        + " runs")
@Service
public class DumpXmlCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "domain", description = "Domain name, ID or UUID", required = true)
    @Completion(DomainNameCompleter.class)
    String domain;

    @Option(name = "--inactive", description = "The persistent definition, not the live one")
    boolean inactive;

    @Option(name = "--security-info", description = "Include security-sensitive data such as VNC passwords")
    boolean securityInfo;

    @Option(name = "--update-cpu", description = "Update the guest CPU requirements to match the host")
    boolean updateCpu;

    @Option(name = "--migratable", description = "A form fit for migration")
    boolean migratable;

    @Override
    protected void run() {
        Set<DomainXmlFlag> flags = EnumSet.noneOf(DomainXmlFlag.class);
        if (inactive) {
            flags.add(DomainXmlFlag.INACTIVE);
        }
        if (securityInfo) {
            flags.add(DomainXmlFlag.SECURE);
        }
        if (updateCpu) {
            flags.add(DomainXmlFlag.UPDATE_CPU);
        }
        if (migratable) {
            flags.add(DomainXmlFlag.MIGRATABLE);
        }
        print(new DomainQueries(connection()).dumpxml(domain, flags));
    }
}
