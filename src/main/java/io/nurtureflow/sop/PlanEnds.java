package io.nurtureflow.sop;

/**
 * Tells the lead's flow that its plan has nothing left (implemented where the engine is): the flow may wait for it.
 * Called after the change is committed; the enrolment's state is the record, the flow only hears of it.
 */
public interface PlanEnds {

    void planEnded(String customerId, String planKey);
}
