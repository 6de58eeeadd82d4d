package io.nurtureflow.report;

import io.nurtureflow.sop.StepLedger;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

@Mapper
interface RollupMapper {

    /** The rep's team now, '' for none: where a fact counts is fixed when it is counted. */
    String teamOf(@Param("rep") String rep);

    void insertLead(@Param("lead") Cohort lead);

    /** The lead's cohort, locked: two facts of one lead count one after the other. None once merged away. */
    Optional<Cohort> lockLead(@Param("customerId") String customerId);

    /** The cohort that merge {@code mergeId} stopped counting, locked. */
    Optional<Cohort> lockAbsorbed(@Param("customerId") String customerId, @Param("mergeId") long mergeId);

    /** A survivor's cohort that merge {@code mergeId} took over from the customer it absorbed. */
    void insertTakenOverLead(@Param("lead") Cohort lead, @Param("mergeId") long mergeId);

    boolean takenOver(@Param("customerId") String customerId, @Param("mergeId") long mergeId);

    void deleteLead(@Param("customerId") String customerId);

    /** The cohort stops ({@code mergeId}) or starts again (null) counting. */
    void absorb(@Param("customerId") String customerId, @Param("mergeId") Long mergeId);

    List<Step> steps(@Param("customerId") String customerId);

    /**
     * The step, unless the customer has reached it already: 1 when inserted, 0 when it was there. {@code mergeId}:
     * the merge that brought the step from the customer it absorbed; null for the customer's own.
     */
    int insertStepIfAbsent(@Param("customerId") String customerId, @Param("step") String step, @Param("at") Instant at,
                           @Param("mergeId") Long mergeId);

    void deleteStep(@Param("customerId") String customerId, @Param("step") String step);

    /** {@code column}: the step's count column. */
    void addToFunnel(@Param("day") LocalDate day, @Param("cohort") Cohort cohort, @Param("column") String column);

    void takeFromFunnel(@Param("day") LocalDate day, @Param("cohort") Cohort cohort, @Param("column") String column);

    /** The row goes when every count of it fell to nothing, as if it had never been counted. */
    void dropIfNone(@Param("day") LocalDate day, @Param("cohort") Cohort cohort);

    void addToTasks(@Param("day") LocalDate day, @Param("rep") String rep, @Param("team") String team,
                    @Param("kind") String kind, @Param("count") TaskCount count);

    void addToSteps(@Param("day") LocalDate day, @Param("step") StepLedger.Step step, @Param("team") String team,
                    @Param("count") StepCount count);

    void addToShifts(@Param("day") LocalDate day, @Param("step") StepLedger.Step step, @Param("team") String team,
                     @Param("reason") String reason, @Param("pushes") int pushes);

    /** Refused (a duplicate key) when this kind of response was counted for the push already. */
    void insertResponse(@Param("pushId") long pushId, @Param("response") String response, @Param("eventId") long eventId);

    /** Where a lead and its later steps count: '' and 0 stand for none, so every key column can be in the key. */
    record Cohort(String customerId, LocalDate leadDay, long channelId, String ref, String rep, String team) {

        Cohort of(String otherCustomer) {
            return new Cohort(otherCustomer, leadDay, channelId, ref, rep, team);
        }
    }

    record Step(String step, Instant reachedAt, Long mergeId) {
    }

    /** One step fact, as the increments of a day's row. */
    record StepCount(int due, int sent, int confirmed, int delivered, int clicked, int replied, int unsubscribed) {
    }

    /** One task fact, as the increments of a day's row. */
    record TaskCount(int opened, int done, int doneInTime, int cancelled, int escalated) {
    }
}
