package io.nurtureflow.sop;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@Mapper
interface SopMapper {

    Optional<Integer> latestVersion(String planKey);

    Optional<PlanRow> plan(@Param("planKey") String planKey, @Param("version") int version);

    void insertPlan(@Param("planKey") String planKey, @Param("version") int version, @Param("name") String name,
                    @Param("silenceDays") int silenceDays, @Param("at") Instant at);

    List<SopStep> steps(@Param("planKey") String planKey, @Param("version") int version);

    void insertStep(@Param("step") SopStep step);

    Optional<String> channelPlan(long channelId);

    void deleteChannelPlan(long channelId);

    void insertChannelPlan(@Param("channelId") long channelId, @Param("planKey") String planKey);

    void insertContent(@Param("row") ContentRow row);

    Optional<ContentRow> content(long id);

    /** The newest contents of the library. */
    List<ContentRow> library(int limit);

    Optional<String> customerZone(String customerId);

    void deleteCustomerZone(String customerId);

    void insertCustomerZone(@Param("customerId") String customerId, @Param("zone") String zone);

    void insertPushes(@Param("rows") List<PushRow> rows);

    List<PushRow> pushesOf(@Param("customerIds") Collection<String> customerIds, @Param("planKey") String planKey,
                           @Param("version") int version);

    List<CustomerZone> customerZones(@Param("customerIds") Collection<String> customerIds);

    List<SentPush> sentSince(@Param("customerIds") Collection<String> customerIds, @Param("since") Instant since);

    void insertShifts(@Param("shifts") List<Shifts.Shift> shifts);

    /** The customer's latest push sent in [from, to], with the rep whose batch it went in. */
    Optional<LastSent> lastSent(@Param("customerId") String customerId, @Param("from") Instant from,
                                @Param("to") Instant to);

    void insertEnrolment(@Param("e") Enrolment enrolment, @Param("at") Instant at);

    void deleteEnrolment(@Param("customerId") String customerId, @Param("planKey") String planKey);

    Optional<Enrolment> enrolment(@Param("customerId") String customerId, @Param("planKey") String planKey);

    List<Enrolment> enrolmentsOf(String customerId);

    List<Enrolment> enrolmentsIn(@Param("customerIds") Collection<String> customerIds, @Param("planKey") String planKey);

    void setEnrolment(@Param("customerId") String customerId, @Param("planKey") String planKey,
                      @Param("state") Enrolment.State state, @Param("lastStep") Integer lastStep,
                      @Param("at") Instant at);

    void endEnrolments(@Param("customerIds") Collection<String> customerIds, @Param("planKey") String planKey,
                       @Param("state") Enrolment.State state, @Param("at") Instant at);

    /** The customers whose push of the step went (or was skipped) have reached it. */
    void advanceEnrolments(@Param("customerIds") Collection<String> customerIds, @Param("planKey") String planKey,
                           @Param("step") int step, @Param("at") Instant at);

    int cancelPlan(@Param("customerId") String customerId, @Param("planKey") String planKey,
                   @Param("reason") String reason);

    record CustomerZone(String customerId, String timeZone) {
    }

    record SentPush(String customerId, Instant sentAt) {
    }

    record LastSent(long id, String planKey, int planVersion, int stepNo, String rep, Instant sentAt) {
    }

    Optional<PushRow> findPush(@Param("customerId") String customerId, @Param("planKey") String planKey,
                               @Param("version") int version, @Param("stepNo") int stepNo);

    /** Only while the push is still waiting: a sent or skipped push keeps its record. */
    /** Also revives a push cancelled when an earlier lifecycle ended: planning it again means it is wanted. */
    int reschedule(@Param("id") long id, @Param("plannedAt") Instant plannedAt, @Param("dueAt") Instant dueAt,
                   @Param("reason") String reason, @Param("zone") String zone);

    int cancelScheduled(@Param("customerId") String customerId, @Param("reason") String reason);




    int markSkipped(@Param("id") long id, @Param("reason") String reason);

    List<Instant> sentTimes(String customerId);

    Optional<Instant> lastSentAt(@Param("customerId") String customerId, @Param("planKey") String planKey,
                                 @Param("version") int version);


    Optional<TrackedLink> findLink(String token);




    record PlanRow(String planKey, int version, String name, int silenceDays, Instant createdAt) {
    }

    final class ContentRow {
        public Long id;
        public String name;
        public String text;
        public String attachments;
        public String createdBy;
        public Instant createdAt;
    }

    final class PushRow {
        public Long id;
        public String customerId;
        public String planKey;
        public int planVersion;
        public int stepNo;
        public String senderRep;
        public String content;
        public String status;
        public Instant createdAt;
        public Instant plannedAt;
        public Instant dueAt;
        public String moveReason;
        public Instant sentAt;
        public String wecomMsgId;
        public String deliveryStatus;
        public String sendWindow;
        public String timeZone;
    }
}
