package io.nurtureflow.report;

import io.nurtureflow.customer.FunnelStep;
import io.nurtureflow.customer.LeadFunnel;
import io.nurtureflow.system.TimeConfig;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Keeps {@code report_funnel_day} as the facts happen, inside their transaction (the shared day rows as it commits,
 * {@link DayCounts}): a scan counts on its day, a lead
 * and every later step on the lead's capture day, under the channel, invitee, rep and team it came in with. A
 * customer that is no captured lead (a WeCom or CRM import) has no cohort and counts nowhere.
 * <p>
 * A merge leaves one person counted once, in one cohort: the survivor's (the older customer) keeps its steps and
 * gains, at their own times, those only the absorbed one had reached; the absorbed one's cohort stops counting, every
 * one of its steps taken off. A survivor without a cohort of its own takes the absorbed one's over. Undoing the merge
 * takes off what it brought and counts the absorbed cohort again; a step the merge brought and the survivor reached
 * again while merged goes with it.
 */
@Component
class FunnelRollup implements LeadFunnel {

    private final RollupMapper rollups;
    private final DayCounts dayCounts;
    private final TimeConfig time;

    FunnelRollup(RollupMapper rollups, DayCounts dayCounts, TimeConfig time) {
        this.rollups = rollups;
        this.dayCounts = dayCounts;
        this.time = time;
    }

    @Override
    public void scanned(long channelId, String ref, String rep, Instant at) {
        var where = new RollupMapper.Cohort(null, day(at), channelId, orNone(ref), orNone(rep), teamOf(rep));
        count(where, FunnelStep.SCANNED.name());
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
        rollups.lockLead(customerId).ifPresent(cohort -> {
            if (rollups.insertStepIfAbsent(customerId, step.name(), at, null) == 1) {
                count(cohort, step.name());
            }
        });
    }

    @Override
    public void merged(long mergeId, String survivorId, String absorbedId) {
        rollups.lockLead(absorbedId).ifPresent(absorbed -> {
            var survivor = rollups.lockLead(survivorId).orElseGet(() -> {
                var takenOver = absorbed.of(survivorId);
                rollups.insertTakenOverLead(takenOver, mergeId);
                return takenOver;
            });
            for (var step : rollups.steps(absorbedId)) {
                uncount(absorbed, step.step());
                if (rollups.insertStepIfAbsent(survivorId, step.step(), step.reachedAt(), mergeId) == 1) {
                    count(survivor, step.step());
                }
            }
            rollups.absorb(absorbedId, mergeId);
        });
    }

    @Override
    public void unmerged(long mergeId, String survivorId, String absorbedId) {
        rollups.lockAbsorbed(absorbedId, mergeId).ifPresent(absorbed -> {
            rollups.lockLead(survivorId).ifPresent(survivor -> {
                boolean takenOver = rollups.takenOver(survivorId, mergeId);
                for (var step : rollups.steps(survivorId)) {
                    if (takenOver || Long.valueOf(mergeId).equals(step.mergeId())) {
                        uncount(survivor, step.step());
                        rollups.deleteStep(survivorId, step.step());
                    }
                }
                if (takenOver) {
                    rollups.deleteLead(survivorId);
                }
            });
            rollups.steps(absorbedId).forEach(step -> count(absorbed, step.step()));
            rollups.absorb(absorbedId, null);
        });
    }

    private void count(RollupMapper.Cohort cohort, String step) {
        dayCounts.write(row(cohort), rollups -> rollups.addToFunnel(cohort.leadDay(), cohort, column(step)));
    }

    /** A cohort's row that no longer counts anything goes, as if never counted. */
    private void uncount(RollupMapper.Cohort cohort, String step) {
        dayCounts.write(row(cohort), rollups -> {
            rollups.takeFromFunnel(cohort.leadDay(), cohort, column(step));
            rollups.dropIfNone(cohort.leadDay(), cohort);
        });
    }

    /** The cohort's row of report_funnel_day: its day, channel, invitee, rep and team, not the customer. */
    private static String row(RollupMapper.Cohort cohort) {
        return DayCounts.row("report_funnel_day", cohort.leadDay(), cohort.channelId(), cohort.ref(), cohort.rep(),
                cohort.team());
    }

    /** The roll-up's count column of a step: SCANNED → scanned_total; only ever made from a {@link FunnelStep}. */
    static String column(String step) {
        return FunnelStep.valueOf(step).name().toLowerCase(Locale.ROOT) + "_total";
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
