package io.nurtureflow.process;

import io.nurtureflow.sop.Batches;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Instant;
import java.util.Date;

import static io.nurtureflow.process.ProcessVocabulary.BATCH_ID;
import static io.nurtureflow.process.ProcessVocabulary.CLOSES_AT;
import static io.nurtureflow.process.ProcessVocabulary.NEXT_PICKUP_AT;
import static io.nurtureflow.process.ProcessVocabulary.RUN_ID;
import static io.nurtureflow.process.ProcessVocabulary.WINDOW_STILL_OPEN;

/**
 * The steps of send-window.bpmn, each a call into the window's batches. The counts land in the instance's
 * variables, so Cockpit shows for each opening how many were due, shifted, batched, sent, confirmed and delivered.
 */
@Configuration
class SendWindowFlow {

    /** The multi-instance collection of Task_SendBatch: the run's batches ready to go to WeCom. */
    @Bean
    SendWindowBatches sendWindow(Batches batches) {
        return new SendWindowBatches(batches);
    }

    @Bean
    JavaDelegate scheduleNextOpeningDelegate(SendWindowScheduler scheduler) {
        return scheduler::scheduleNextOpening;
    }

    @Bean
    JavaDelegate gatherDuePushesDelegate(Batches batches) {
        return execution -> {
            if (batches.gather(runId(execution)) > 0) {
                counts(execution, batches);
            }
        };
    }

    @Bean
    JavaDelegate sendBatchDelegate(Batches batches) {
        return execution -> batches.dispatch(((Number) execution.getVariable(BATCH_ID)).longValue());
    }

    @Bean
    JavaDelegate planNextPickupDelegate(Batches batches) {
        return execution -> {
            Instant next = batches.nextPickup(runId(execution));
            Instant closes = ((Date) execution.getVariable(CLOSES_AT)).toInstant();
            execution.setVariable(NEXT_PICKUP_AT, Date.from(next));
            execution.setVariable(WINDOW_STILL_OPEN, next.isBefore(closes));
        };
    }

    @Bean
    JavaDelegate remindUnconfirmedDelegate(Batches batches) {
        return execution -> execution.setVariable("reminded", batches.remind(runId(execution)));
    }

    @Bean
    JavaDelegate collectResultsDelegate(Batches batches) {
        return execution -> {
            batches.collect(runId(execution));
            counts(execution, batches);
        };
    }

    private static void counts(DelegateExecution execution, Batches batches) {
        var run = batches.run(runId(execution));
        var process = execution.getProcessInstance();
        process.setVariable("due", run.due);
        process.setVariable("shifted", run.shifted);
        process.setVariable("batches", run.batches);
        process.setVariable("sent", run.sent);
        process.setVariable("confirmed", run.confirmed);
        process.setVariable("delivered", run.delivered);
        process.setVariable("notConfirmed", run.notConfirmed);
        process.setVariable("failed", run.failed);
    }

    static long runId(DelegateExecution execution) {
        return ((Number) execution.getVariable(RUN_ID)).longValue();
    }
}
