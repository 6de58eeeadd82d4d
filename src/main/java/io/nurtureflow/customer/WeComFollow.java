package io.nurtureflow.customer;

import java.time.Instant;

/**
 * One rep's WeCom relation with one of the customer's external contacts: since when, and whether (and by whom) it
 * ended. A relation nobody ended is live, whether or not we saw it begin.
 */
public record WeComFollow(String rep, String externalUserId, Instant addedAt, Instant removedAt, RemovedBy removedBy) {

    /** Who ended the relation, as WeCom's callback tells it (developer.work.weixin.qq.com/document/path/92130). */
    public enum RemovedBy {
        /** del_external_contact: the rep deleted the customer */
        REP,
        /** del_follow_user: the customer deleted the rep */
        CUSTOMER
    }
}
