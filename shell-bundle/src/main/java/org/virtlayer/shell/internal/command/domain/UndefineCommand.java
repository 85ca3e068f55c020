package org.virtlayer.shell.internal.command.domain;

import java.util.EnumSet;
import java.util.Set;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.api.DomainUndefineFlag;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.DomainNameCompleter;
import org.virtlayer.shell.internal.domain.DomainLifecycle;

/** virsh's {@code undefine}. */
@Command(scope = "virt", name = "undefine", description = "Removes a domain's persistent definition; a running"
        + " domain becomes transient")
@Service
public class UndefineCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "domain", description = "Domain name, ID or UUID", required = true)
    @Completion(DomainNameCompleter.class)
    String domain;

    @Option(name = "--managed-save", description = "Remove the domain's managed save image too")
    boolean managedSave;

    @Option(name = "--snapshots-metadata", description = "Remove the domain's snapshot metadata too")
    boolean snapshotsMetadata;

    @Option(name = "--checkpoints-metadata", description = "Remove the domain's checkpoint metadata too")
    boolean checkpointsMetadata;

    @Option(name = "--nvram", description = "Remove the domain's NVRAM file too")
    boolean nvram;

    @Option(name = "--keep-nvram", description = "Keep the domain's NVRAM file")
    boolean keepNvram;

    @Override
    protected void run() {
        Set<DomainUndefineFlag> flags = EnumSet.noneOf(DomainUndefineFlag.class);
        if (managedSave) {
            flags.add(DomainUndefineFlag.MANAGED_SAVE);
        }
        if (snapshotsMetadata) {
            flags.add(DomainUndefineFlag.SNAPSHOTS_METADATA);
        }
        if (checkpointsMetadata) {
            flags.add(DomainUndefineFlag.CHECKPOINTS_METADATA);
        }
        if (nvram) {
            flags.add(DomainUndefineFlag.NVRAM);
        }
        if (keepNvram) {
            flags.add(DomainUndefineFlag.KEEP_NVRAM);
        }
        print(new DomainLifecycle(connection()).undefine(domain, flags));
    }
}
