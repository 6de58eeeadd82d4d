package io.nurtureflow.wecom;

/** How a push reaches a customer. The simulated channel stands in when WeCom is not configured. */
public interface WeComChannel {

    /** Hands the message to WeCom: its id there, and the status known at once. */
    Submission send(CustomerMessage message);

    /** What WeCom now says about a message handed over earlier to one customer. */
    DeliveryStatus statusOf(String msgId, String senderRep, String externalUserId);

    String name();

    record Submission(String msgId, DeliveryStatus status) {
    }
}
