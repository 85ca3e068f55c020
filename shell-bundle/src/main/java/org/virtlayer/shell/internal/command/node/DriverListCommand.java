package org.virtlayer.shell.internal.command.node;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.ConsoleCommandSupport;
import org.virtlayer.shell.internal.node.DriverTable;

/** virtlayer's own: which drivers and backends are installed now. virsh has no such command. */
@Command(scope = "virt", name = "driver-list", description = "Lists the installed hypervisor drivers and network,"
        + " storage and node device backends: what they serve and which bundle they came from")
@Service
public class DriverListCommand extends ConsoleCommandSupport {
    @Option(name = "--no-format", description = "Rows separated by tabs, without a header")
    boolean noFormat;

    @Override
    protected void run() {
        print(DriverTable.of(console.drivers()), noFormat);
    }
}
