package io.nurtureflow.sop;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/** The pushes that went, as the numbers kept on steps read them; depends on nothing that tells the step ledger. */
@Component
public class SentPushes {

    private final SopMapper sop;

    SentPushes(SopMapper sop) {
        this.sop = sop;
    }

    /** The customer's latest push sent in [from, to], if any: what a response of theirs in that time answers. */
    public Optional<Sent> latest(String customerId, Instant from, Instant to) {
        return sop.lastSent(customerId, from, to).map(push -> new Sent(push.id(),
                new StepLedger.Step(push.planKey(), push.planVersion(), push.stepNo(), push.rep()), push.sentAt()));
    }

    /** A push that went: its step as its rep sent it, and when. */
    public record Sent(long id, StepLedger.Step step, Instant sentAt) {
    }
}
