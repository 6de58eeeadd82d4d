package io.nurtureflow.report;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

@Mapper
interface RollupMapper {

    /** The rep's team now, '' for none: where a fact counts is fixed when it is counted. */
    String teamOf(@Param("rep") String rep);

    void insertLead(@Param("lead") Cohort lead);

    /** The lead's cohort, locked: two facts of one lead count one after the other. */
    Optional<Cohort> lockLead(@Param("customerId") String customerId);

    boolean hasStep(@Param("customerId") String customerId, @Param("step") String step);

    void insertStep(@Param("customerId") String customerId, @Param("step") String step, @Param("at") Instant at);

    void addToFunnel(@Param("day") LocalDate day, @Param("cohort") Cohort cohort, @Param("step") String step);

    void addToTasks(@Param("day") LocalDate day, @Param("rep") String rep, @Param("team") String team,
                    @Param("kind") String kind, @Param("count") TaskCount count);

    /** Where a lead and its later steps count: '' and 0 stand for none, so every key column can be in the key. */
    record Cohort(String customerId, LocalDate leadDay, long channelId, String ref, String rep, String team) {
    }

    /** One task fact, as the increments of a day's row. */
    record TaskCount(int opened, int done, int doneInTime, int cancelled, int escalated) {
    }
}
