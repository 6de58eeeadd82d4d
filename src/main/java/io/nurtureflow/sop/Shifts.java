package io.nurtureflow.sop;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The one place a move of a push by the send policy is written down: kept in {@code push_shift} with its reason, and
 * told to the step ledger, in the transaction that moves it.
 */
@Component
class Shifts {

    private static final int CHUNK = 500;

    private final SopMapper sop;
    private final StepLedger ledger;

    Shifts(SopMapper sop, StepLedger ledger) {
        this.sop = sop;
        this.ledger = ledger;
    }

    void record(Collection<Shift> shifts) {
        if (shifts.isEmpty()) {
            return;
        }
        var all = List.copyOf(shifts);
        for (int from = 0; from < all.size(); from += CHUNK) {
            sop.insertShifts(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        var counts = new LinkedHashMap<Shift.Told, Integer>();
        all.forEach(shift -> counts.merge(shift.told(), 1, Integer::sum));
        counts.forEach((told, pushes) -> ledger.shifted(told.step(), told.meantFor(), told.reason(), pushes));
    }

    /** One move of one push: {@code atWindow} when the caps moved it as its window gathered it. */
    record Shift(String customerId, StepLedger.Step step, boolean atWindow, Instant meantFor, Instant movedTo,
                 ShiftReason reason, Instant shiftedAt) {

        static Shift planned(String customerId, SopStep step, String sender, SendPolicy.Slot slot, Instant now) {
            return new Shift(customerId, new StepLedger.Step(step.planKey(), step.planVersion(), step.stepNo(), sender),
                    false, slot.plannedAt(), slot.dueAt(), slot.reason(), now);
        }

        Told told() {
            return new Told(step, meantFor, reason);
        }

        record Told(StepLedger.Step step, Instant meantFor, ShiftReason reason) {
        }
    }
}
