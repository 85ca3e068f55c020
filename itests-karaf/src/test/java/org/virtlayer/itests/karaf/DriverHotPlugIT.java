package org.virtlayer.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ConnectionFactory;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/**
 * A driver feature installed, uninstalled, refreshed and updated in a running stock Karaf: test:/// works without a
 * restart, fails in one DRIVER_UNAVAILABLE line when the driver is gone, works again when it is back, and callers
 * during a refresh or update get either the right answer or DRIVER_UNAVAILABLE, never a hang or a wrong answer.
 * Every wait is bounded.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DriverHotPlugIT {
    private static final String DRIVER_FEATURE = "virtlayer-driver-test";
    private static final String DRIVER_BUNDLE = "org.virtlayer.driver.test";
    private static final Duration CALL_LIMIT = Duration.ofSeconds(10);

    @Inject
    SessionFactory sessions;

    /** Injected once the boot features are installed: the tests start with every boot command registered. */
    @Inject
    BootFinished bootFinished;

    @Inject
    FeaturesService featuresService;

    @Inject
    BundleContext context;

    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "itest-call");
        t.setDaemon(true);
        return t;
    });

    @Configuration
    public Option[] config() {
        // the console is there from the start; the driver comes and goes in the tests
        return KarafOptions.stockKaraf(features(KarafOptions.featuresUrl(), "virtlayer-shell"));
    }

    @After
    public void stopCalls() {
        calls.shutdownNow();
    }

    // ---- helpers

    private <T> T bounded(String what, Duration limit, Callable<T> call) throws Exception {
        Future<T> f = calls.submit(call);
        try {
            return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError(what + " did not end within " + limit);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    private ConnectionFactory factory() {
        ServiceTracker<ConnectionFactory, ConnectionFactory> t = new ServiceTracker<>(context, ConnectionFactory.class,
                null);
        t.open();
        try {
            ConnectionFactory f = t.waitForService(30_000);
            if (f == null) {
                fail("no ConnectionFactory service within 30 s");
            }
            return f;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            t.close();
        }
    }

    private boolean driverInstalled() throws Exception {
        return featuresService.isInstalled(featuresService.getFeature(DRIVER_FEATURE));
    }

    private void installDriver() throws Exception {
        bounded("feature:install " + DRIVER_FEATURE, Duration.ofMinutes(2), () -> {
            featuresService.installFeature(DRIVER_FEATURE);
            return null;
        });
    }

    private void uninstallDriver() throws Exception {
        bounded("feature:uninstall " + DRIVER_FEATURE, Duration.ofMinutes(2), () -> {
            featuresService.uninstallFeature(DRIVER_FEATURE);
            return null;
        });
    }

    private CommandResult run(String command) {
        try (Console c = new Console(sessions)) {
            return c.run(command);
        }
    }

    private static void assertDriverUnavailableLine(CommandResult r) {
        assertTrue(r.toString(), r.failed());
        assertEquals(r.toString(), 1, r.lines().size());
        assertTrue(r.toString(), r.lines().get(0).startsWith("Error: "));
        assertEquals(r.toString(), Optional.of(ErrorCode.DRIVER_UNAVAILABLE), r.code());
    }

    private Bundle driverBundle() {
        for (Bundle b : context.getBundles()) {
            if (DRIVER_BUNDLE.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + DRIVER_BUNDLE);
    }

    // ---- tests

    @Test
    public void installingTheDriverMakesTestUriUsableWithoutARestartAgainAndAgain() throws Exception {
        for (int round = 1; round <= 3; round++) {
            if (driverInstalled()) {
                uninstallDriver();
            }
            assertDriverUnavailableLine(run("virt:list"));
            ConnectionFactory factory = factory();
            long start = System.nanoTime();
            installDriver();
            long installed = System.nanoTime();
            // the first open that works; the driver's service may come a moment after the feature is installed
            Connection c = Waits.until("test:///default to open", Duration.ofSeconds(10), Duration.ofMillis(2),
                    () -> factory.open("test:///default"));
            long opened = System.nanoTime();
            try {
                assertEquals(DomainState.RUNNING, c.lookupDomainByName("test").state().state());
            } finally {
                c.close();
            }
            Timings.record("feature:install " + DRIVER_FEATURE + " -> first successful open (round " + round + ")",
                    (opened - start) / 1_000_000);
            Timings.record("installFeature returned -> first successful open (round " + round + ")",
                    (opened - installed) / 1_000_000);
            CommandResult list = run("virt:list --name");
            assertFalse(list.toString(), list.failed());
            assertEquals(List.of("test"), list.lines());
        }
    }

    @Test
    public void uninstallingTheDriverFailsCallsInOneLineAndNothingHangs() throws Exception {
        if (!driverInstalled()) {
            installDriver();
        }
        assertEquals(List.of("test"), Waits.until("virt:list to answer", Duration.ofSeconds(10),
                Duration.ofMillis(20), () -> {
                    CommandResult r = run("virt:list --name");
                    return r.failed() ? null : r.lines();
                }));
        Connection open = factory().open("test:///default");
        try (Console watcher = new Console(sessions)) {
            // a command waiting on the connection when the driver leaves must end, not wait forever
            Future<CommandResult> event = watcher.start("virt:event --loop");
            Thread.sleep(500);
            uninstallDriver();

            CommandResult ended = event.get(10, TimeUnit.SECONDS);
            assertTrue(ended.toString(), ended.failed());
            assertTrue(ended.toString(), ended.lines().get(ended.lines().size() - 1).startsWith("Error: "));
            assertEquals(ended.toString(), Optional.of(ErrorCode.DRIVER_UNAVAILABLE), ended.code());

            assertDriverUnavailableLine(run("virt:list"));
            assertDriverUnavailableLine(run("virt:dominfo test"));
            try {
                bounded("a call on a connection whose driver left", CALL_LIMIT, open::listDomains);
                fail("a connection whose driver left still answered");
            } catch (VirtException e) {
                assertEquals(ErrorCode.DRIVER_UNAVAILABLE, e.code());
            }
        } finally {
            open.close();
        }

        installDriver();
        assertEquals(List.of("test"), Waits.until("virt:list to answer again", Duration.ofSeconds(10),
                Duration.ofMillis(20), () -> {
                    CommandResult r = run("virt:list --name");
                    return r.failed() ? null : r.lines();
                }));
    }

    /** What one call during the refresh gave. */
    private enum Outcome { RIGHT, DRIVER_UNAVAILABLE, WRONG, HUNG }

    /** Calls the same question until told to stop, classifying each answer; every call is bounded. */
    private final class Caller implements Runnable {
        private final String name;
        private final Callable<Boolean> call;
        final List<String> wrong = new ArrayList<>();
        final int[] counts = new int[Outcome.values().length];
        volatile boolean stop;

        Caller(String name, Callable<Boolean> call) {
            this.name = name;
            this.call = call;
        }

        @Override
        public void run() {
            while (!stop) {
                Future<Boolean> f = calls.submit(call);
                Outcome o;
                try {
                    o = f.get(CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS) ? Outcome.RIGHT : Outcome.WRONG;
                    if (o == Outcome.WRONG) {
                        wrong.add(name + ": a wrong answer");
                    }
                } catch (TimeoutException e) {
                    f.cancel(true);
                    o = Outcome.HUNG;
                    wrong.add(name + ": no answer within " + CALL_LIMIT);
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable t = e.getCause();
                    if (t instanceof VirtException v && v.code() == ErrorCode.DRIVER_UNAVAILABLE) {
                        o = Outcome.DRIVER_UNAVAILABLE;
                    } else {
                        o = Outcome.WRONG;
                        wrong.add(name + ": " + t);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (counts) {
                    counts[o.ordinal()]++;
                }
            }
        }

        String summary() {
            synchronized (counts) {
                return name + " right=" + counts[0] + " unavailable=" + counts[1] + " wrong=" + counts[2] + " hung="
                        + counts[3];
            }
        }
    }

    /** A console command's answer: the expected output, or one DRIVER_UNAVAILABLE error line (thrown as such). */
    private Boolean domstateThroughTheConsole() {
        CommandResult r = run("virt:domstate test");
        if (!r.failed()) {
            return r.lines().equals(List.of("running"));
        }
        if (r.lines().size() == 1 && r.lines().get(0).startsWith("Error: ")
                && r.code().equals(Optional.of(ErrorCode.DRIVER_UNAVAILABLE))) {
            throw new VirtException(ErrorCode.DRIVER_UNAVAILABLE, r.lines().get(0));
        }
        return false;
    }

    @Test
    public void refreshingOrUpdatingTheDriverGivesCallersTheAnswerOrDriverUnavailable() throws Exception {
        if (!driverInstalled()) {
            installDriver();
        }
        ConnectionFactory factory = factory();
        Connection before = Waits.until("test:///default to open", Duration.ofSeconds(10), Duration.ofMillis(10),
                () -> factory.open("test:///default"));
        List<Caller> callers = List.of(
                // a connection opened before the refresh: right answers, then DRIVER_UNAVAILABLE for good
                new Caller("open connection", () -> before.lookupDomainByName("test").state().state()
                        == DomainState.RUNNING),
                // a connection opened during the refresh: whichever driver is there, or none
                new Caller("fresh connections", () -> {
                    try (Connection c = factory.open("test:///default")) {
                        return c.listDomains().size() == 1 && c.lookupDomainByName("test").isActive();
                    }
                }),
                // the console, which opens its shared connection again once the driver is back
                new Caller("console", this::domstateThroughTheConsole));
        List<Thread> threads = new ArrayList<>();
        for (Caller c : callers) {
            Thread t = new Thread(c, "itest-" + c.name);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        try {
            Thread.sleep(300);
            long id = driverBundle().getBundleId();
            CommandResult refresh = run("bundle:refresh " + id);
            assertFalse(refresh.toString(), refresh.failed());
            waitForTheDriver(factory);
            Thread.sleep(300);
            CommandResult update = run("bundle:update " + id);
            assertFalse(update.toString(), update.failed());
            waitForTheDriver(factory);
            Thread.sleep(300);
        } finally {
            callers.forEach(c -> c.stop = true);
            for (Thread t : threads) {
                t.join(CALL_LIMIT.toMillis() * 2);
                assertFalse(t.getName() + " did not stop", t.isAlive());
            }
        }
        List<String> wrong = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        for (Caller c : callers) {
            wrong.addAll(c.wrong);
            summary.append(c.summary()).append('\n');
        }
        System.out.print(summary);
        assertEquals(summary.toString(), List.of(), wrong);
        for (Caller c : callers) {
            assertTrue(c.summary(), c.counts[Outcome.RIGHT.ordinal()] > 0);
        }
        // the connection opened before the refresh lost its driver; a new one works
        try {
            bounded("a call on the old connection", CALL_LIMIT, before::listDomains);
            fail("a connection whose driver was refreshed still answered");
        } catch (VirtException e) {
            assertEquals(ErrorCode.DRIVER_UNAVAILABLE, e.code());
        } finally {
            before.close();
        }
        try (Connection after = factory.open("test:///default")) {
            assertEquals(DomainState.RUNNING, after.lookupDomainByName("test").state().state());
        }
    }

    private void waitForTheDriver(ConnectionFactory factory) {
        Waits.until("the driver to be back", Duration.ofSeconds(30), Duration.ofMillis(10), () -> {
            if (driverBundle().getState() != Bundle.ACTIVE) {
                return null;
            }
            try (Connection c = factory.open("test:///default")) {
                return c.isAlive() ? true : null;
            }
        });
    }
}
