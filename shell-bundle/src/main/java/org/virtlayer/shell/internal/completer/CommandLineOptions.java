package org.virtlayer.shell.internal.completer;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.virtlayer.api.Connection;
import org.virtlayer.shell.internal.VirtConsole;
import org.virtlayer.shell.internal.command.SessionUri;

/** What completers read from the line being typed: the {@code -c} URI and options such as {@code --pool}. */
final class CommandLineOptions {
    private CommandLineOptions() {
    }

    /** The value of the first of {@code names} present in the line ({@code --pool p} or {@code --pool=p}), or null. */
    static String value(CommandLine line, String... names) {
        String[] words = line.getArguments();
        for (int i = 0; i < words.length; i++) {
            for (String name : names) {
                if (words[i].equals(name) && i + 1 < words.length && i + 1 != line.getCursorArgumentIndex()) {
                    return words[i + 1];
                }
                if (words[i].startsWith(name + "=")) {
                    return words[i].substring(name.length() + 1);
                }
            }
        }
        return null;
    }

    /** The connection the command being typed will use. */
    static Connection connection(VirtConsole console, Session session, CommandLine line) {
        return console.connection(SessionUri.resolve(value(line, "-c", "--connect"), session, console));
    }
}
