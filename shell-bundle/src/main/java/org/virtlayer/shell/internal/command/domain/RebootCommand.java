package org.virtlayer.shell.internal.command.domain;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.DomainNameCompleter;
import org.virtlayer.shell.internal.domain.DomainLifecycle;

/** virsh's {@code reboot}. */
@Command(scope = "virt", name = "reboot", description = "Asks a domain's guest to reboot")
@Service
public class RebootCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "domain", description = "Domain name, ID or UUID", required = true)
    @Completion(DomainNameCompleter.class)
    String domain;

    @Option(name = "--mode", description = "How to ask, comma separated: acpi, agent, initctl, signal, paravirt")
    @Completion(values = {"acpi", "agent", "initctl", "signal", "paravirt"}, value = StringsCompleter.class)
    String mode;

    @Override
    protected void run() {
        print(new DomainLifecycle(connection()).reboot(domain, DomainLifecycle.modes(mode)));
    }
}
