package io.nurtureflow.report;

import io.nurtureflow.customer.FunnelStep;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;

@Mapper
interface ReportMapper {

    List<StepCounts> funnel(@Param("f") ReportFilter filter, @Param("by") String byColumn);

    List<TaskCounts> tasks(@Param("f") ReportFilter filter, @Param("by") String byColumn);

    /** Tasks open now, by how long ago they were opened: the ages are the bounds' instants. */
    List<OpenTasks> openTasks(@Param("f") ReportFilter filter, @Param("by") String byColumn, @Param("now") Instant now,
                              @Param("dayAgo") Instant dayAgo, @Param("threeDaysAgo") Instant threeDaysAgo,
                              @Param("weekAgo") Instant weekAgo);

    List<StepTotals> steps(@Param("f") ReportFilter filter, @Param("plan") String planKey,
                           @Param("version") Integer version);

    List<StepShifts> stepShifts(@Param("f") ReportFilter filter, @Param("plan") String planKey,
                                @Param("version") Integer version);

    /** Every plan version's name. */
    List<PlanName> plans();

    List<ChannelName> channels();

    /** The channels that have one of {@code reps} on their staff; all of them when {@code reps} is null. */
    List<ChannelName> channelsOf(@Param("reps") List<String> reps);

    /** The teams of {@code reps}; all teams when {@code reps} is null. */
    List<String> teamsOf(@Param("reps") List<String> reps);

    /** One row of a funnel: how many reached each step. */
    record StepCounts(String dim, long scanned, long leads, long wecomAdded, long firstContact, long engaged,
                      long converted, long silent, long dormant, long optedOut, long churned) {

        long of(FunnelStep step) {
            return switch (step) {
                case SCANNED -> scanned;
                case LEAD -> leads;
                case WECOM_ADDED -> wecomAdded;
                case FIRST_CONTACT -> firstContact;
                case ENGAGED -> engaged;
                case CONVERTED -> converted;
                case SILENT -> silent;
                case DORMANT -> dormant;
                case OPTED_OUT -> optedOut;
                case CHURNED -> churned;
            };
        }
    }

    record TaskCounts(String dim, String kind, long opened, long done, long doneInTime, long cancelled, long escalated) {
    }

    record OpenTasks(String dim, long total, long overdue, long underDay, long underThreeDays, long underWeek,
                     long older) {
    }

    record StepTotals(String planKey, int planVersion, int stepNo, long due, long sent, long confirmed, long delivered,
                      long clicked, long replied, long unsubscribed) {
    }

    record StepShifts(String planKey, int planVersion, int stepNo, String reason, long total) {
    }

    record PlanName(String planKey, int version, String name) {
    }

    record ChannelName(long id, String name) {
    }
}
