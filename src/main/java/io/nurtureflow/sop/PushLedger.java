package io.nurtureflow.sop;

import io.nurtureflow.customer.Timeline;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * The outbox steps that must survive the engine's transaction. A push leaves the building the moment WeCom takes
 * it, so the claim before and the record after are committed on their own: when the job's transaction then rolls
 * back (optimistic locking, a second node, a crash) the retry finds the push sent and does not send it again.
 */
@Component
class PushLedger {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SopMapper sop;
    private final Timeline timeline;
    private final Clock clock;
    /** Which node claimed a push, for whoever has to look at a push stuck in SENDING. */
    private final String node = "node-" + UUID.randomUUID().toString().substring(0, 8);

    PushLedger(SopMapper sop, Timeline timeline, Clock clock) {
        this.sop = sop;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** An outbox row for a push nobody planned, committed at once; a row that exists already is left as it is. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void register(SopMapper.PushRow row) {
        try {
            sop.insertPush(row);
        } catch (DuplicateKeyException registeredMeanwhile) {
            // the other attempt's row is the one
        }
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean claim(long pushId) {
        return sop.claim(pushId, node, clock.instant()) == 1;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void release(long pushId) {
        sop.release(pushId);
    }

    /** Tracked links are created before sending (the message carries them) and kept only if the push goes. */
    String newToken() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The push went: its content, WeCom's id, the tracked links in it, and the lead's timeline entry. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Instant sent(SopMapper.PushRow push, String content, String msgId, String delivery,
                        Map<String, String> linkTargets, String summary) {
        Instant now = clock.instant();
        linkTargets.forEach((token, target) ->
                sop.insertLink(token, push.id, push.customerId, push.stepNo, target, now));
        sop.markSent(push.id, content, now, msgId, delivery);
        timeline.record(push.customerId, "PUSH", summary);
        return now;
    }
}
