package io.nurtureflow.customer;

import java.util.List;

/** Which reps a sales lead leads, for the sales lead's view of customers; implemented by the follow-up feature. */
public interface SalesTeams {

    List<String> repsLedBy(String salesLead);
}
