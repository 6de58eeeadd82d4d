package io.nurtureflow.followup;

import io.nurtureflow.system.TimeConfig;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/**
 * Where an alert's card leads: the rep's workspace (/m), which opens inside WeCom and signs the rep in there; a
 * task opens at its customer, where the task's outcome form is. A mass-send to confirm opens the rep's batches, at it.
 */
@Component
class AlertLinks {

    private final TimeConfig config;

    AlertLinks(TimeConfig config) {
        this.config = config;
    }

    String task(String customerId) {
        return config.baseUrl() + "/m#customer/" + customerId;
    }

    String batchToConfirm(long batchId) {
        return config.baseUrl() + "/m#batches/" + batchId;
    }

    String today() {
        return config.baseUrl() + "/m#tasks";
    }

    /** The reports dashboard over a report's days. */
    String report(LocalDate from, LocalDate to) {
        return config.baseUrl() + "/reports?from=" + from + "&to=" + to;
    }
}
