package org.virtlayer.shell.internal.completer;

import java.util.List;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/**
 * Completes from names found at completion time. Completion must never disturb the console: if the names cannot be
 * read (no driver, node gone) it offers none.
 */
abstract class NamesCompleter implements Completer {
    @Override
    public final int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        try {
            delegate.getStrings().addAll(names(session, commandLine));
        } catch (RuntimeException e) {
            // nothing to offer
        }
        return delegate.complete(session, commandLine, candidates);
    }

    protected abstract List<String> names(Session session, CommandLine commandLine);
}
