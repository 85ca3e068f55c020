package org.virtlayer.shell.internal.command.domain;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.domain.DomainListOptions;
import org.virtlayer.shell.internal.domain.DomainQueries;

/** virsh's {@code list}. */
@Command(scope = "virt", name = "list", description = "Lists domains: the running ones unless told otherwise")
@Service
public class ListCommand extends VirtCommandSupport {
    @Option(name = "--all", description = "Active and inactive domains")
    boolean all;

    @Option(name = "--inactive", description = "Inactive domains only")
    boolean inactive;

    @Option(name = "--state-running", description = "Running domains")
    boolean running;

    @Option(name = "--state-paused", description = "Paused domains")
    boolean paused;

    @Option(name = "--state-shutoff", description = "Shut off domains")
    boolean shutoff;

    @Option(name = "--state-other", description = "Domains in any other state")
    boolean other;

    @Option(name = "--persistent", description = "Persistent domains")
    boolean persistent;

    @Option(name = "--transient", description = "Transient domains")
    boolean transientOnly;

    @Option(name = "--autostart", description = "Domains marked to start with the node")
    boolean autostart;

    @Option(name = "--no-autostart", description = "Domains not marked to start with the node")
    boolean noAutostart;

    @Option(name = "--name", description = "Names only, one a line")
    boolean name;

    @Option(name = "--uuid", description = "UUIDs only, one a line")
    boolean uuid;

    @Option(name = "--no-format", description = "Rows separated by tabs, without a header")
    boolean noFormat;

    @Override
    protected void run() {
        DomainListOptions options = new DomainListOptions(all, inactive, running, paused, shutoff, other, persistent,
                transientOnly, autostart, noAutostart);
        DomainQueries queries = new DomainQueries(connection());
        if (name || uuid) {
            print(queries.listNames(options, name, uuid));
        } else {
            print(queries.list(options), noFormat);
        }
    }
}
