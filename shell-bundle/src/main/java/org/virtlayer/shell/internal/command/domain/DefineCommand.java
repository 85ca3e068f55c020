package org.virtlayer.shell.internal.command.domain;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.domain.DomainLifecycle;

/** virsh's {@code define}. */
@Command(scope = "virt", name = "define", description = "Defines (but does not start) a domain from an XML file,"
        + " or replaces the definition of the domain with that name and UUID")
@Service
public class DefineCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "file", description = "File with the domain's XML definition", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--validate", description = "Validate the XML against libvirt's schema first")
    boolean validate;

    @Override
    protected void run() {
        print(new DomainLifecycle(connection()).define(files(), file, validate));
    }
}
