package io.nurtureflow.followup;

import io.nurtureflow.system.TimeConfig;
import org.springframework.stereotype.Component;

/**
 * Where an alert's card leads: the one place to change when reps get a workspace of their own. For now a task
 * opens in Camunda Tasklist and a mass-send to confirm in the rep's batch list.
 */
@Component
class AlertLinks {

    private final TimeConfig config;

    AlertLinks(TimeConfig config) {
        this.config = config;
    }

    String task(String taskId) {
        return config.baseUrl() + "/camunda/app/tasklist/default/#/?task=" + taskId;
    }

    String batchToConfirm(long batchId) {
        return config.baseUrl() + "/api/me/push-batches";
    }

    String today() {
        return config.baseUrl() + "/camunda/app/tasklist/default/";
    }
}
