package io.nurtureflow.sop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * WeCom does not tell us when a rep confirmed a mass-send, so with the real channel the send results are read
 * back now and then. The simulated channel settles at once and needs no polling.
 */
@Component
@ConditionalOnExpression("'${nurture.wecom.corp-id:}' != ''")
class DeliveryPoller {

    private static final Logger log = LoggerFactory.getLogger(DeliveryPoller.class);
    private static final int BATCH = 200;

    private final Pushes pushes;

    DeliveryPoller(Pushes pushes) {
        this.pushes = pushes;
    }

    @Scheduled(fixedDelayString = "${nurture.sop.delivery-poll-millis:300000}")
    void poll() {
        try {
            int settled = pushes.refreshDeliveries(BATCH);
            if (settled > 0) {
                log.info("{} push deliveries settled by WeCom", settled);
            }
        } catch (RuntimeException e) {
            log.warn("reading WeCom send results failed, next round retries: {}", e.getMessage());
        }
    }
}
