package io.nurtureflow.sop;

import java.time.Instant;

/** One opening of a send window on one calendar, and what happened in it (Cockpit and the API show the counts). */
public final class WindowRun {

    public enum State {
        SCHEDULED, OPEN, CLOSED
    }

    public Long id;
    public String windowName;
    public String timeZone;
    public Instant opensAt;
    public Instant closesAt;
    public State state;
    public int due;
    public int shifted;
    public int batches;
    public int sent;
    public int confirmed;
    public int delivered;
    public int notConfirmed;
    public int failed;

    /** Increments, added to a run's counts in one statement. */
    record Counts(int due, int shifted, int batches, int sent, int confirmed, int delivered, int notConfirmed,
                  int failed) {

        static Counts gathered(int due, int shifted, int batches) {
            return new Counts(due, shifted, batches, 0, 0, 0, 0, 0);
        }

        /** {@code delivered}: what the channel reported delivered at once (the simulated channel does). */
        static Counts dispatched(int sent, int delivered, int failed) {
            return new Counts(0, 0, 0, sent, 0, delivered, 0, failed);
        }

        static Counts collected(int confirmed, int delivered, int notConfirmed, int failed) {
            return new Counts(0, 0, 0, 0, confirmed, delivered, notConfirmed, failed);
        }
    }
}
