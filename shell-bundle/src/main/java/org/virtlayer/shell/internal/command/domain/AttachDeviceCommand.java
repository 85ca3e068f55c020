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

/** virsh's {@code attach-device}. */
@Command(scope = "virt", name = "attach-device", description = "Adds a device to a domain from an XML file")
@Service
public class AttachDeviceCommand extends ImpactCommandSupport {
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
        print(new DomainSettings(connection()).attachDevice(domain, files(), file, impact));
    }
}
