package org.virtlayer.remote.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.remote.protocol.WireEvent;
import org.virtlayer.spi.DomainRef;

/** The node appends without waiting; a reader gets what followed its last event, or a gap when it fell behind. */
class EventJournalTest {
    private static final DomainRef D = new DomainRef("d", UUID.randomUUID(), 1);

    private static void append(EventJournal j, int n) {
        for (int i = 0; i < n; i++) {
            j.append(seq -> WireEvent.domain(seq, D, DomainEventDetail.STARTED_BOOTED));
        }
    }

    @Test
    void aReaderThatComesBackGetsWhatItMissedReplayed() throws Exception {
        EventJournal j = new EventJournal(8);
        append(j, 5);
        assertThat(j.after(2, 0)).extracting(WireEvent::seq).containsExactly(3L, 4L, 5L);
        assertThat(j.after(5, 10)).isEmpty();
    }

    @Test
    void aSlowReaderLosesTheOldestEventsWithAGapNoticeAndTheWriterNeverWaits() throws Exception {
        EventJournal j = new EventJournal(8);
        // one thread, no reader: a writer that waited for room would never return from this
        append(j, 100_000);
        List<WireEvent> got = j.after(0, 0);
        assertThat(got.get(0).gap()).contains("events 1..99992 were dropped");
        assertThat(got.get(0).seq()).isEqualTo(99_992L);
        assertThat(got.subList(1, got.size())).extracting(WireEvent::seq).containsExactly(99_993L, 99_994L,
                99_995L, 99_996L, 99_997L, 99_998L, 99_999L, 100_000L);
    }

    @Test
    void aWaitingReaderWakesOnTheNextEvent() throws Exception {
        EventJournal j = new EventJournal(8);
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            append(j, 1);
        });
        t.start();
        long t0 = System.nanoTime();
        assertThat(j.after(0, 5000)).hasSize(1);
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000);
    }
}
