package io.nurtureflow.wecom;

import java.util.List;
import java.util.Map;

/**
 * How pushes reach customers: WeCom's corp mass-send, one task for many customers of one rep, which the rep confirms
 * once in the WeCom client (externalcontact/add_msg_template, developer.work.weixin.qq.com/document/path/92135). The
 * simulated channel stands in when WeCom is not configured and keeps the same shape.
 */
public interface WeComChannel {

    /** Creates the rep's mass-send task: WeCom's id for it and what is known at once of each recipient. */
    MassSend massSend(MassMessage message);

    /** Whether the rep has confirmed (sent) the task in their client (get_groupmsg_task). */
    boolean confirmed(String msgId, String senderRep);

    /** Asks WeCom to remind the rep of the unconfirmed task (remind_groupmsg_send). */
    void remind(String msgId);

    /** What became of the task for each external contact (get_groupmsg_send_result, read page by page). */
    Map<String, DeliveryStatus> results(String msgId, String senderRep);

    String name();

    /** False only for the simulated channel: a send it was interrupted in can simply be repeated. */
    default boolean leavesTheMachine() {
        return true;
    }

    /** One message for all of a rep's recipients; WeCom takes at most {@link WeComLimits#MASS_SEND_CUSTOMERS}. */
    record MassMessage(String senderRep, List<Recipient> recipients, String text, List<Attachment> attachments) {
    }

    /** A customer and their WeCom external user id, if known. */
    record Recipient(String customerId, String externalUserId) {
    }

    /** WeCom's task id and, per customer id, the status known when the task was created. */
    record MassSend(String msgId, Map<String, DeliveryStatus> statuses) {
    }
}
