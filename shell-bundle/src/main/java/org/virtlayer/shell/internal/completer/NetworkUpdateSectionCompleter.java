package org.virtlayer.shell.internal.completer;

import java.util.Arrays;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.virtlayer.api.NetworkUpdateSection;

/** Completes the section names {@code net-update} takes, from the API's list so that new sections are offered too. */
@Service
public class NetworkUpdateSectionCompleter extends NamesCompleter {
    @Override
    protected List<String> names(Session session, CommandLine commandLine) {
        return Arrays.stream(NetworkUpdateSection.values()).map(NetworkUpdateSection::virshName).toList();
    }
}
