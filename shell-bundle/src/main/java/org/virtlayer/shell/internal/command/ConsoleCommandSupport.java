package org.virtlayer.shell.internal.command;

import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.virtlayer.shell.internal.CommandFailure;
import org.virtlayer.shell.internal.VirtConsole;
import org.virtlayer.shell.internal.XmlFiles;

/**
 * What every virt: command has: the console service, the session, and failures turned into one {@code Error:} line.
 * A command's {@link #run()} only hands its arguments to the console's logic and prints the answer.
 */
public abstract class ConsoleCommandSupport implements Action {
    @Reference
    protected VirtConsole console;

    @Reference
    protected Session session;

    @Override
    public final Object execute() throws Exception {
        try {
            run();
        } catch (CommandException e) {
            throw e;
        } catch (Exception e) {
            throw ErrorLine.of(e);
        }
        return null;
    }

    /** Does the command's work; any failure becomes one {@code Error:} line. */
    protected abstract void run() throws Exception;

    /** Files named relative to the session's directory. */
    protected XmlFiles files() {
        return new XmlFiles(currentDir());
    }

    /** A file named on the command line: relative to the session's directory, as a shell user expects. */
    protected Path path(String file) {
        try {
            return currentDir().resolve(file);
        } catch (RuntimeException e) {
            throw new CommandFailure("'" + file + "' is not a valid path");
        }
    }

    private Path currentDir() {
        Path dir = session == null ? null : session.currentDir();
        return dir == null ? Path.of("").toAbsolutePath() : dir;
    }

    /** Prints text, ending it with a newline if it has none; nothing for no text (virsh's silent successes). */
    protected void print(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        PrintStream out = System.out;
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
    }

    /** A table as Karaf prints them, or its rows tab-separated without a header for {@code --no-format}. */
    protected void print(ShellTable table, boolean noFormat) {
        table.print(System.out, !noFormat);
        System.out.flush();
    }
}
