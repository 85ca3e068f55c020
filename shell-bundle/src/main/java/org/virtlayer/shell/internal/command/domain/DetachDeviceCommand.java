package org.virtlayer.shell.internal.command.domain;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.virtlayer.shell.internal.completer.DomainNameCompleter;
import org.virtlayer.shell.internal.domain.DomainSettings;
import org.virtlayer.shell.internal.domain.Impact;

/** virsh's {@code detach-device}. */
@Command(scope = "virt", name = "detach-device", description = "Removes the device an XML file describes from a domain")
@Service
public class DetachDeviceCommand extends ImpactCommandSupport {
    @Argument(index = 0, name = "domain", description = "Domain name, ID or UUID", required = true)
    @Completion(DomainNameCompleter.class)
    String domain;

    @Argument(index = 1, name = "file", description = "File with the device's XML", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--persistent", description = "Change the definition, and the running domain too if it runs")
    boolean persistent;

    @Override
    protected void run() {
        Impact impact = new Impact(live, config, current, persistent);
        print(new DomainSettings(connection()).detachDevice(domain, files(), file, impact));
    }
}
