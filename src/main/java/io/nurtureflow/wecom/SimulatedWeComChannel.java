package io.nurtureflow.wecom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * With no corp id configured nothing leaves the machine: a mass-send is logged and counted as confirmed by the rep
 * and delivered to every recipient at once, so the rest of the product sees the same batch shape as with WeCom.
 */
@Component
// havingValue = "" on @ConditionalOnProperty means "anything but false": it matched with a corp id set too
@ConditionalOnExpression("'${nurture.wecom.corp-id:}' == ''")
class SimulatedWeComChannel implements WeComChannel {

    private static final Logger log = LoggerFactory.getLogger(SimulatedWeComChannel.class);

    @Override
    public MassSend massSend(MassMessage message) {
        String msgId = "sim-" + UUID.randomUUID();
        log.info("simulated WeCom mass-send {} from {} to {} customer(s) with {} attachment(s)", msgId,
                message.senderRep(), message.recipients().size(), message.attachments().size());
        var statuses = new LinkedHashMap<String, DeliveryStatus>();
        message.recipients().forEach(r -> statuses.put(r.customerId(), DeliveryStatus.SENT));
        return new MassSend(msgId, statuses);
    }

    @Override
    public boolean confirmed(String msgId, String senderRep) {
        return true;
    }

    @Override
    public void remind(String msgId) {
        log.info("simulated WeCom reminder for mass-send {}", msgId);
    }

    @Override
    public Map<String, DeliveryStatus> results(String msgId, String senderRep) {
        return Map.of();
    }

    @Override
    public boolean leavesTheMachine() {
        return false;
    }

    @Override
    public String name() {
        return "simulated";
    }
}
