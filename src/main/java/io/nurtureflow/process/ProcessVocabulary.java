package io.nurtureflow.process;

/** Names shared by the BPMN files and the code: process keys, message names, variables. */
public final class ProcessVocabulary {

    public static final String LEAD_INTAKE = "lead-intake";
    /** The lifecycle a lead runs when neither the tagging decision nor its channel names another. */
    public static final String LEAD_LIFECYCLE = "lead-lifecycle";
    /**
     * A process whose key ends so declares itself a lifecycle flow: it must meet the contract (docs/FLOWS.md) to be
     * deployed, and only such a process may be named as a channel's or the tagging decision's flow.
     */
    public static final String LIFECYCLE_KEY_SUFFIX = "-lifecycle";
    public static final String SEND_WINDOW_PROCESS = "send-window";

    public static final String MSG_ENGAGED = "Msg_Engaged";
    public static final String MSG_PURCHASED = "Msg_Purchased";
    public static final String MSG_OPTED_OUT = "Msg_OptedOut";
    public static final String MSG_CUSTOMER_LEFT = "Msg_CustomerLeft";
    public static final String MSG_TOUCHPOINT_ADDED = "Msg_TouchpointAdded";
    public static final String MSG_PLAN_FINISHED = "Msg_PlanFinished";

    public static final String LEAD_ID = "leadId";
    public static final String MATCH_OUTCOME = "matchOutcome";
    public static final String MATCH_STRENGTH = "matchStrength";
    public static final String OWNERSHIP = "ownership";
    public static final String CANDIDATE_ID = "candidateId";
    public static final String REVIEW_DECISION = "reviewDecision";
    public static final String COLLISION_DECISION = "collisionDecision";
    public static final String DECIDED_BY = "decidedBy";
    public static final String TASK_REVIEW_LIKENESS = "Task_ReviewLikeness";
    public static final String TASK_SETTLE_COLLISION = "Task_SettleCollision";
    public static final String CUSTOMER_ID = "customerId";
    public static final String OWNER_REP = "ownerRep";
    public static final String CHANNEL_ID = "channelId";
    public static final String TOUCHPOINT_CHANNEL_ID = "touchpointChannelId";
    public static final String CAPTURED_AT = "capturedAt";
    public static final String PLAN_KEY = "planKey";
    public static final String PLAN_VERSION = "planVersion";
    /** The step a flow built from the "Push SOP content" template queues for the next send window. */
    public static final String PUSH_STEP = "pushStep";
    /** Whether the lead's plan has a push planned; transient, for a gateway right after "Run the SOP plan". */
    public static final String PLAN_RUNNING = "planRunning";
    public static final String SILENCE_AFTER = "silenceAfter";
    public static final String FOLLOW_UP_OPEN = "followUpOpen";
    /** The lead's engagement score as "Read the engagement score" found it, for the score gateway right after it. */
    public static final String ENGAGEMENT_SCORE = "engagementScore";

    /** Inputs of every user task that is a rep's follow-up, read when it is created ({@code FollowUpInputs}). */
    public static final String FOLLOW_UP_KIND = "followUpKind";
    public static final String FOLLOW_UP_WITHIN = "followUpWithin";
    public static final String FOLLOW_UP_REASON = "followUpReason";
    public static final String OUTCOME = "outcome";
    public static final String NOTE = "note";
    public static final String CALL_BACK_AT = "callBackAt";
    public static final String FOLLOW_UP_DUE = "followUpDue";
    public static final String SALES_LEAD = "salesLead";

    public static final String DORMANT_AFTER = "dormantAfter";
    /** Whether the lead came back from the silent stage: it is then contacted as a follow-up, not a new lead. */
    public static final String BACK_FROM_SILENCE = "backFromSilence";

    /** A send-window instance: its run, window, calendar and the moments it works to. */
    public static final String RUN_ID = "runId";
    public static final String SEND_WINDOW = "window";
    public static final String TIME_ZONE = "timeZone";
    public static final String OPENS_AT = "opensAt";
    public static final String CLOSES_AT = "closesAt";
    public static final String REMIND_AT = "remindAt";
    public static final String NEXT_PICKUP_AT = "nextPickupAt";
    public static final String WINDOW_STILL_OPEN = "windowStillOpen";
    public static final String BATCH_ID = "batchId";

    private ProcessVocabulary() {
    }
}
