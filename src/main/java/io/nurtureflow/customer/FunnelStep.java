package io.nurtureflow.customer;

import java.util.Optional;

/** The steps of the lead funnel operations report on, in the order a lead normally takes them. */
public enum FunnelStep {
    SCANNED, LEAD, WECOM_ADDED, FIRST_CONTACT, ENGAGED, CONVERTED, SILENT, DORMANT, OPTED_OUT, CHURNED;

    /** The step a stage change reaches; nurture (re)starting is none. */
    static Optional<FunnelStep> of(Stage stage) {
        return switch (stage) {
            case NURTURING -> Optional.empty();
            case ENGAGED -> Optional.of(ENGAGED);
            case CUSTOMER -> Optional.of(CONVERTED);
            case SILENT -> Optional.of(SILENT);
            case DORMANT -> Optional.of(DORMANT);
            case OPTED_OUT -> Optional.of(OPTED_OUT);
            case CHURNED -> Optional.of(CHURNED);
        };
    }
}
