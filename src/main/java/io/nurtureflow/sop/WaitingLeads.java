package io.nurtureflow.sop;

import java.util.List;

/** How many leads wait at each step right now; answered by the engine, where the waiting happens. */
public interface WaitingLeads {

    List<StepCount> atEachStep();

    /** {@code waitingFor}: the push's due time, or the owner rep's confirmation. */
    record StepCount(String planKey, int planVersion, int stepNo, WaitingFor waitingFor, long leads) {
    }

    enum WaitingFor {
        DUE_TIME, REP_CONFIRMATION
    }
}
