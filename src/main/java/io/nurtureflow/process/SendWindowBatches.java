package io.nurtureflow.process;

import io.nurtureflow.sop.Batches;
import org.camunda.bpm.engine.delegate.DelegateExecution;

import java.util.List;

/**
 * What send-window.bpmn's multi-instance Task_SendBatch iterates over: the run's batches ready to go to WeCom.
 * Public because the engine's expression language calls it by reflection.
 */
public final class SendWindowBatches {

    private final Batches batches;

    SendWindowBatches(Batches batches) {
        this.batches = batches;
    }

    public List<Long> readyBatches(DelegateExecution execution) {
        return batches.ready(SendWindowFlow.runId(execution));
    }
}
