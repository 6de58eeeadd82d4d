package io.nurtureflow.wecom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** With no corp id configured nothing leaves the machine: the push is logged and counted as sent. */
@Component
// havingValue = "" on @ConditionalOnProperty means "anything but false": it matched with a corp id set too
@ConditionalOnExpression("'${nurture.wecom.corp-id:}' == ''")
class SimulatedWeComChannel implements WeComChannel {

    private static final Logger log = LoggerFactory.getLogger(SimulatedWeComChannel.class);

    @Override
    public Submission send(CustomerMessage message) {
        String msgId = "sim-" + UUID.randomUUID();
        log.info("simulated WeCom push {} to customer {} from {} with {} attachment(s)", msgId, message.customerId(),
                message.senderRep(), message.attachments().size());
        return new Submission(msgId, DeliveryStatus.SENT);
    }

    @Override
    public DeliveryStatus statusOf(String msgId, String senderRep, String externalUserId) {
        return DeliveryStatus.SENT;
    }

    @Override
    public String name() {
        return "simulated";
    }
}
