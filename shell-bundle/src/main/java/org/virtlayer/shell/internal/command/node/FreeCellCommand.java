package org.virtlayer.shell.internal.command.node;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.CommandFailure;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.node.NodeQueries;

/** virsh's {@code freecell}. */
@Command(scope = "virt", name = "freecell", description = "Shows the node's free memory: in total, in one NUMA"
        + " cell, or in each (--all)")
@Service
public class FreeCellCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "cellno", description = "NUMA cell number")
    String cellArgument;

    @Option(name = "--cellno", description = "NUMA cell number")
    String cellOption;

    @Option(name = "--all", description = "Every cell and the total")
    boolean all;

    @Override
    protected void run() {
        String cell = cellOption != null ? cellOption : cellArgument;
        print(new NodeQueries(connection()).freecell(cell == null ? null : number(cell), all));
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new CommandFailure("Numeric value '" + text + "' for <cellno> option is malformed or out of range");
        }
    }
}
