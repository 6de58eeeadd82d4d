package io.nurtureflow.process;

import io.nurtureflow.sop.Batches;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Date;
import java.time.Instant;

import static io.nurtureflow.process.ProcessVocabulary.CLOSES_AT;
import static io.nurtureflow.process.ProcessVocabulary.OPENS_AT;
import static io.nurtureflow.process.ProcessVocabulary.REMIND_AT;
import static io.nurtureflow.process.ProcessVocabulary.RUN_ID;
import static io.nurtureflow.process.ProcessVocabulary.SEND_WINDOW;
import static io.nurtureflow.process.ProcessVocabulary.TIME_ZONE;

/**
 * Keeps one send-window instance waiting for the next opening of each window on each calendar in use. Each
 * instance, as its window opens, schedules the one after it; at start-up the chain is made whole again. The run row's
 * unique key makes sure two nodes never schedule the same opening twice.
 */
@Component
class SendWindowScheduler {

    private final Batches batches;
    private final RuntimeService runtime;
    private final Clock clock;

    SendWindowScheduler(Batches batches, RuntimeService runtime, Clock clock) {
        this.batches = batches;
        this.runtime = runtime;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void scheduleAll() {
        Instant now = clock.instant();
        for (String zone : batches.zonesInUse()) {
            for (String window : batches.windowNames()) {
                schedule(window, zone, now);
            }
        }
    }

    /**
     * The opening of this window after this instance's, and this window's on any calendar that came into use
     * meanwhile. Only this window's: openings of all windows registering at once contend for the same rows.
     */
    void scheduleNextOpening(DelegateExecution execution) {
        Instant opens = ((Date) execution.getVariable(OPENS_AT)).toInstant();
        String window = (String) execution.getVariable(SEND_WINDOW);
        String ownZone = (String) execution.getVariable(TIME_ZONE);
        schedule(window, ownZone, opens);
        batches.zonesInUse().stream().filter(zone -> !zone.equals(ownZone))
                .forEach(zone -> schedule(window, zone, clock.instant()));
    }

    private void schedule(String window, String zone, Instant after) {
        batches.register(window, zone, after).ifPresent(run -> runtime.startProcessInstanceByKey(
                ProcessVocabulary.SEND_WINDOW_PROCESS, window + " " + zone + " " + run.opensAt,
                Variables.createVariables()
                        .putValue(RUN_ID, run.id)
                        .putValue(SEND_WINDOW, window)
                        .putValue(TIME_ZONE, zone)
                        .putValue(OPENS_AT, Date.from(run.opensAt))
                        .putValue(CLOSES_AT, Date.from(run.closesAt))
                        .putValue(REMIND_AT, Date.from(batches.remindAt(run)))));
    }
}
