package io.nurtureflow.sop;

import java.time.Instant;

/**
 * What became of the pushes of each plan step, told in the transaction that does it, so the step performance kept
 * from it can never disagree with the outbox; implemented by the report feature. Each fact is told once: a repeated
 * read-back of WeCom's results tells only what changed.
 */
public interface StepLedger {

    /** Pushes of the step from the rep, counted on the day of {@code on}. */
    void counted(Step step, Instant on, Counts counts);

    /** Pushes of the step the send policy moved, counted on the day they were meant to go. */
    void shifted(Step step, Instant meantFor, ShiftReason reason, int pushes);

    /** One step of one plan version, as one rep sends it ('' for none). */
    record Step(String planKey, int planVersion, int stepNo, String rep) {

        public Step {
            rep = rep == null ? "" : rep;
        }
    }

    /**
     * {@code due}: found due by a send window (whether it then went or was moved on); {@code confirmed}: the rep sent
     * WeCom's mass-send task for it (WeCom's send result is anything but "not sent yet"); {@code delivered}: the
     * customer got it.
     */
    record Counts(int due, int sent, int confirmed, int delivered) {

        static Counts due(int pushes) {
            return new Counts(pushes, 0, 0, 0);
        }

        boolean none() {
            return due == 0 && sent == 0 && confirmed == 0 && delivered == 0;
        }
    }
}
