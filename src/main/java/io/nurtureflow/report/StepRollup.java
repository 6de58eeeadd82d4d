package io.nurtureflow.report;

import io.nurtureflow.events.EventType;
import io.nurtureflow.events.ResponseLedger;
import io.nurtureflow.sop.SentPushes;
import io.nurtureflow.sop.ShiftReason;
import io.nurtureflow.sop.StepLedger;
import io.nurtureflow.system.TimeConfig;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Keeps {@code report_step_day} and {@code report_step_shift_day} as pushes come due, go, are confirmed and answered,
 * inside the transaction of each fact. A click, reply or unsubscribe counts for the customer's latest push sent in
 * the 24 hours before it, on that push's day, at most once per push and kind.
 */
@Component
class StepRollup implements StepLedger, ResponseLedger {

    static final Duration RESPONSE_WINDOW = Duration.ofHours(24);

    private final RollupMapper rollups;
    private final DayCounts dayCounts;
    private final SentPushes sent;
    private final TimeConfig time;

    StepRollup(RollupMapper rollups, DayCounts dayCounts, SentPushes sent, TimeConfig time) {
        this.rollups = rollups;
        this.dayCounts = dayCounts;
        this.sent = sent;
        this.time = time;
    }

    @Override
    public void counted(Step step, Instant on, Counts counts) {
        add(step, on, new RollupMapper.StepCount(counts.due(), counts.sent(), counts.confirmed(), counts.delivered(),
                0, 0, 0));
    }

    @Override
    public void shifted(Step step, Instant meantFor, ShiftReason reason, int pushes) {
        var day = day(meantFor);
        String team = rollups.teamOf(step.rep());
        dayCounts.write(DayCounts.row("report_step_shift_day", day, step.planKey(), step.planVersion(), step.stepNo(),
                step.rep(), team, reason), rollups -> rollups.addToShifts(day, step, team, reason.name(), pushes));
    }

    @Override
    public void responded(long eventId, String customerId, EventType type, Instant occurredAt) {
        var response = Response.of(type);
        if (response == null) {
            return;
        }
        sent.latest(customerId, occurredAt.minus(RESPONSE_WINDOW), occurredAt).ifPresent(push -> {
            try {
                rollups.insertResponse(push.id(), response.name(), eventId);
            } catch (DuplicateKeyException countedAlready) {
                return;
            }
            add(push.step(), push.sentAt(), response.count);
        });
    }

    private void add(Step step, Instant on, RollupMapper.StepCount count) {
        var day = day(on);
        String team = rollups.teamOf(step.rep());
        dayCounts.write(DayCounts.row("report_step_day", day, step.planKey(), step.planVersion(), step.stepNo(),
                step.rep(), team), rollups -> rollups.addToSteps(day, step, team, count));
    }

    private LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, time.timeZone());
    }

    /** The customer's answers a push is measured by. */
    enum Response {
        CLICKED(EventType.LINK_CLICKED, new RollupMapper.StepCount(0, 0, 0, 0, 1, 0, 0)),
        REPLIED(EventType.MESSAGE_REPLIED, new RollupMapper.StepCount(0, 0, 0, 0, 0, 1, 0)),
        UNSUBSCRIBED(EventType.UNSUBSCRIBED, new RollupMapper.StepCount(0, 0, 0, 0, 0, 0, 1));

        final EventType type;
        final RollupMapper.StepCount count;

        Response(EventType type, RollupMapper.StepCount count) {
            this.type = type;
            this.count = count;
        }

        static Response of(EventType type) {
            for (var response : values()) {
                if (response.type == type) {
                    return response;
                }
            }
            return null;
        }
    }
}
