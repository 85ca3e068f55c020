package org.virtlayer.shell.internal.command.domain;

import java.util.EnumSet;
import java.util.Set;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.api.DomainStartFlag;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.DomainNameCompleter;
import org.virtlayer.shell.internal.domain.DomainLifecycle;

/** virsh's {@code start}. */
@Command(scope = "virt", name = "start", description = "Starts a defined, shut off domain")
@Service
public class StartCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "domain", description = "Domain name, ID or UUID", required = true)
    @Completion(DomainNameCompleter.class)
    String domain;

    @Option(name = "--paused", description = "Leave the domain paused after it starts")
    boolean paused;

    @Option(name = "--autodestroy", description = "Destroy the domain when the console's connection closes")
    boolean autodestroy;

    @Option(name = "--force-boot", description = "Boot afresh even if a managed save image exists")
    boolean forceBoot;

    @Override
    protected void run() {
        Set<DomainStartFlag> flags = EnumSet.noneOf(DomainStartFlag.class);
        if (paused) {
            flags.add(DomainStartFlag.PAUSED);
        }
        if (autodestroy) {
            flags.add(DomainStartFlag.AUTODESTROY);
        }
        if (forceBoot) {
            flags.add(DomainStartFlag.FORCE_BOOT);
        }
        print(new DomainLifecycle(connection()).start(domain, flags));
    }
}
