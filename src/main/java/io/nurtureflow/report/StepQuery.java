package io.nurtureflow.report;

import io.nurtureflow.system.BadInput;
import org.springframework.format.annotation.DateTimeFormat;

import java.time.LocalDate;

/** A step report request: days (ISO dates, both optional), plan key and version, team and rep. */
record StepQuery(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                 @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                 String plan, Integer version, String team, String rep) {

    private static final int PLAN_KEY_LENGTH = 40;

    /** The plan key asked for, null for every plan. */
    String planKey() {
        if (plan == null || plan.isBlank()) {
            if (version != null) {
                throw new BadInput("version", "version narrows a plan: give plan too.");
            }
            return null;
        }
        if (plan.strip().length() > PLAN_KEY_LENGTH) {
            throw new BadInput("plan", "plan is a plan key of at most " + PLAN_KEY_LENGTH + " characters.");
        }
        if (version != null && version < 1) {
            throw new BadInput("version", "version counts from 1.");
        }
        return plan.strip();
    }
}
