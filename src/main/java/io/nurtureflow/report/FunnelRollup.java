package io.nurtureflow.report;

import io.nurtureflow.customer.FunnelStep;
import io.nurtureflow.customer.LeadFunnel;
import io.nurtureflow.system.TimeConfig;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Keeps {@code report_funnel_day} as the facts happen, inside their transaction: a scan counts on its day, a lead
 * and every later step on the lead's capture day, under the channel, invitee, rep and team it came in with. A
 * customer that is no captured lead (a WeCom or CRM import) has no cohort and counts nowhere.
 */
@Component
class FunnelRollup implements LeadFunnel {

    private final RollupMapper rollups;
    private final TimeConfig time;

    FunnelRollup(RollupMapper rollups, TimeConfig time) {
        this.rollups = rollups;
        this.time = time;
    }

    @Override
    public void scanned(long channelId, String ref, String rep, Instant at) {
        var where = new RollupMapper.Cohort(null, day(at), channelId, orNone(ref), orNone(rep), teamOf(rep));
        rollups.addToFunnel(where.leadDay(), where, FunnelStep.SCANNED.name());
    }

    @Override
    public void captured(String customerId, Long channelId, String ref, String rep, Instant at) {
        var cohort = new RollupMapper.Cohort(customerId, day(at), channelId == null ? 0 : channelId, orNone(ref),
                orNone(rep), teamOf(rep));
        rollups.insertLead(cohort);
        reached(customerId, FunnelStep.LEAD, at);
    }

    @Override
    public void reached(String customerId, FunnelStep step, Instant at) {
        rollups.lockLead(customerId).filter(cohort -> !rollups.hasStep(customerId, step.name())).ifPresent(cohort -> {
            rollups.insertStep(customerId, step.name(), at);
            rollups.addToFunnel(cohort.leadDay(), cohort, step.name());
        });
    }

    private String teamOf(String rep) {
        return rep == null ? "" : rollups.teamOf(rep);
    }

    private LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, time.timeZone());
    }

    private static String orNone(String value) {
        return value == null ? "" : value;
    }
}
