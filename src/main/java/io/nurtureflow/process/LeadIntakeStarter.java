package io.nurtureflow.process;

import io.nurtureflow.customer.LeadCaptured;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Map;

import static io.nurtureflow.process.ProcessVocabulary.LEAD_ID;
import static io.nurtureflow.process.ProcessVocabulary.LEAD_INTAKE;

/** Starts lead-intake inside the capturing transaction: the lead row and its intake commit together or not at all. */
@Component
class LeadIntakeStarter {

    private final RuntimeService runtime;

    LeadIntakeStarter(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @EventListener
    void on(LeadCaptured captured) {
        runtime.startProcessInstanceByKey(LEAD_INTAKE, "lead-" + captured.leadId(), Map.of(LEAD_ID, captured.leadId()));
    }
}
