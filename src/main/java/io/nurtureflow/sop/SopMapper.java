package io.nurtureflow.sop;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
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

    Optional<String> customerZone(String customerId);

    void deleteCustomerZone(String customerId);

    void insertCustomerZone(@Param("customerId") String customerId, @Param("zone") String zone);

    void insertPush(@Param("row") PushRow row);

    Optional<PushRow> findPush(@Param("customerId") String customerId, @Param("planKey") String planKey,
                               @Param("version") int version, @Param("stepNo") int stepNo);

    /** Only while the push is still waiting: a sent or skipped push keeps its record. */
    /** Also revives a push cancelled when an earlier lifecycle ended: planning it again means it is wanted. */
    int reschedule(@Param("id") long id, @Param("plannedAt") Instant plannedAt, @Param("dueAt") Instant dueAt,
                   @Param("reason") String reason);

    int cancelScheduled(@Param("customerId") String customerId, @Param("reason") String reason);

    /** The one node whose update changes the row sends the push. */
    int claim(@Param("id") long id, @Param("node") String node, @Param("at") Instant at);

    int release(long id);

    void markSent(@Param("id") long id, @Param("content") String content, @Param("at") Instant at,
                  @Param("msgId") String msgId, @Param("delivery") String delivery);

    int markSkipped(@Param("id") long id, @Param("reason") String reason);

    List<Instant> sentTimes(String customerId);

    Optional<Instant> lastSentAt(@Param("customerId") String customerId, @Param("planKey") String planKey,
                                 @Param("version") int version);

    void insertLink(@Param("token") String token, @Param("pushId") long pushId, @Param("customerId") String customerId,
                    @Param("stepNo") int stepNo, @Param("target") String target, @Param("at") Instant at);

    Optional<TrackedLink> findLink(String token);

    /** Least recently checked first, so pushes WeCom keeps reporting as pending cannot starve the others. */
    List<PushRow> awaitingDelivery(@Param("limit") int limit);

    void checkedDelivery(@Param("id") long id, @Param("at") Instant at);

    void setDelivery(@Param("id") long id, @Param("status") String status, @Param("at") Instant at);

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
    }
}
