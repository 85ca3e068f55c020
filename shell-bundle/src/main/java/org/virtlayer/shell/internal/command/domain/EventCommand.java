package org.virtlayer.shell.internal.command.domain;

import java.time.Clock;
import java.time.Duration;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.virtlayer.shell.internal.CommandFailure;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.DomainNameCompleter;
import org.virtlayer.shell.internal.domain.DomainEventWatch;

/** virsh's {@code event}, for domain lifecycle events (the only kind the API has yet). */
@Command(scope = "virt", name = "event", description = "Prints domain events as they happen, one line each:"
        + " the first one, or all until the timeout or Ctrl-C with --loop")
@Service
public class EventCommand extends VirtCommandSupport {
    @Option(name = "--domain", description = "Only this domain's events (name, ID or UUID)")
    @Completion(DomainNameCompleter.class)
    String domain;

    @Option(name = "--event", description = "Which event: lifecycle")
    @Completion(values = {"lifecycle"}, value = StringsCompleter.class)
    String event;

    @Option(name = "--all", description = "Every kind of event")
    boolean all;

    @Option(name = "--loop", description = "Keep printing events until the timeout or Ctrl-C")
    boolean loop;

    @Option(name = "--timeout", description = "Stop after this many seconds")
    String timeout;

    @Option(name = "--timestamp", description = "Start each line with the time the event was printed")
    boolean timestamp;

    @Option(name = "--list", description = "List the kinds of event and stop")
    boolean list;

    @Override
    protected void run() {
        if (list) {
            print("lifecycle");
            return;
        }
        if (event != null && all) {
            throw new CommandFailure("Options --event and --all are mutually exclusive");
        }
        if (event == null && !all) {
            // virsh insists on one of them; lifecycle is all there is, so no choice is needed here
            event = "lifecycle";
        }
        if (event != null && !event.equals("lifecycle")) {
            throw new CommandFailure("unknown event type " + event + ": the events are lifecycle");
        }
        new DomainEventWatch(connection(), Clock.systemUTC()).watch(domain, loop, seconds(timeout), timestamp,
                System.out);
    }

    private static Duration seconds(String text) {
        if (text == null) {
            return null;
        }
        try {
            long s = Long.parseLong(text.strip());
            if (s > 0 && s <= Integer.MAX_VALUE / 1000) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CommandFailure("invalid timeout '" + text + "': expected a number of seconds greater than 0");
    }
}
