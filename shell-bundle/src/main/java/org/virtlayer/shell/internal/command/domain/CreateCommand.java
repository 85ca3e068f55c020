package org.virtlayer.shell.internal.command.domain;

import java.util.EnumSet;
import java.util.Set;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.virtlayer.api.DomainStartFlag;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.domain.DomainLifecycle;

/** virsh's {@code create}. */
@Command(scope = "virt", name = "create", description = "Creates and starts a transient domain from an XML file;"
        + " it disappears when it stops")
@Service
public class CreateCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "file", description = "File with the domain's XML definition", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--paused", description = "Leave the domain paused after it starts")
    boolean paused;

    @Option(name = "--autodestroy", description = "Destroy the domain when the console's connection closes")
    boolean autodestroy;

    @Option(name = "--validate", description = "Validate the XML against libvirt's schema first")
    boolean validate;

    @Override
    protected void run() {
        Set<DomainStartFlag> flags = EnumSet.noneOf(DomainStartFlag.class);
        if (paused) {
            flags.add(DomainStartFlag.PAUSED);
        }
        if (autodestroy) {
            flags.add(DomainStartFlag.AUTODESTROY);
        }
        if (validate) {
            flags.add(DomainStartFlag.VALIDATE);
        }
        print(new DomainLifecycle(connection()).create(files(), file, flags));
    }
}
