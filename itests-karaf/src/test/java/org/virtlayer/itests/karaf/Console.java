package org.virtlayer.itests.karaf;

import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.apache.karaf.shell.support.ShellUtil;

/**
 * One console session of the Karaf under test, logged in as the distribution's admin user unless told otherwise
 * (Karaf's command ACLs hide commands such as feature:install from a session without roles): commands run as that
 * user's would, and a failure is printed by Karaf's own code, as the interactive console prints it. Every command is
 * bounded: one that does not end in time fails the test instead of hanging it.
 */
final class Console implements AutoCloseable {
    static final Duration DEFAULT_LIMIT = Duration.ofSeconds(60);

    /** The user karaf, with the roles etc/users.properties gives it. */
    static final Subject ADMIN = new Subject(true, Set.of(new UserPrincipal("karaf"),
            new RolePrincipal("admin"), new RolePrincipal("manager"), new RolePrincipal("viewer"),
            new RolePrincipal("systembundles"), new RolePrincipal("ssh")), Set.of(), Set.of());

    /** A user who may look but not change: the viewer role only (and ssh, to log in). */
    static final Subject VIEWER = new Subject(true, Set.of(new UserPrincipal("watcher"),
            new RolePrincipal("viewer"), new RolePrincipal("ssh")), Set.of(), Set.of());

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Session session;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "itest-console");
        t.setDaemon(true);
        return t;
    });

    private final Subject user;

    Console(SessionFactory factory) {
        this(factory, ADMIN);
    }

    /** A session of this user: Karaf's command ACLs decide by the user's roles. */
    Console(SessionFactory factory, Subject user) {
        this.user = user;
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        session = factory.create(new ByteArrayInputStream(new byte[0]), out, out);
    }

    CommandResult run(String command) {
        return run(command, DEFAULT_LIMIT);
    }

    CommandResult run(String command, Duration limit) {
        Future<CommandResult> f = start(command);
        try {
            return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            fail("'" + command + "' did not end within " + limit);
            throw new AssertionError(e);
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("'" + command + "' could not run", e);
        }
    }

    /** Starts a command in this session's thread; its result is what the returned future gives. */
    Future<CommandResult> start(String command) {
        return runner.submit(() -> {
            synchronized (bytes) {
                bytes.reset();
            }
            Throwable failure = null;
            try {
                Subject.doAs(user, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
            } catch (PrivilegedActionException e) {
                failure = e.getException();
                // prints the failure the way the interactive console does
                ShellUtil.logException(session, failure);
            } catch (Exception e) {
                failure = e;
                // prints the failure the way the interactive console does
                ShellUtil.logException(session, e);
            }
            session.getConsole().flush();
            String out;
            synchronized (bytes) {
                out = bytes.toString(StandardCharsets.UTF_8);
            }
            return new CommandResult(command, out, failure);
        });
    }

    @Override
    public void close() {
        runner.shutdownNow();
        session.close();
    }
}
