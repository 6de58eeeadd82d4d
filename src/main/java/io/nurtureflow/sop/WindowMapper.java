package io.nurtureflow.sop;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Send-window runs, their batches and the set-wise outbox statements a window needs to move thousands at once. */
@Mapper
interface WindowMapper {

    // --- runs

    void insertRun(@Param("run") WindowRun run);

    Optional<WindowRun> run(long id);

    List<String> zonesInUse();

    void setRunState(@Param("id") long id, @Param("state") WindowRun.State state);

    void addToRun(@Param("id") long id, @Param("counts") WindowRun.Counts counts);

    List<WindowRun> latestRuns(@Param("limit") int limit);

    /** Leads waiting at each step: for the step's window, or for their rep to confirm the batch they are in. */
    List<StepCount> waiting();

    // --- gathering

    List<DuePush> duePushes(@Param("window") String window, @Param("zone") String zone, @Param("until") Instant until,
                            @Param("limit") int limit);

    Optional<Instant> nextDue(@Param("window") String window, @Param("zone") String zone, @Param("after") Instant after,
                              @Param("before") Instant before);

    void shift(@Param("id") long id, @Param("dueAt") Instant dueAt, @Param("reason") String reason);

    void insertBatch(@Param("batch") PushBatch batch);

    void setContent(@Param("id") long id, @Param("text") String text, @Param("attachments") String attachments);

    void addCustomers(@Param("id") long id, @Param("more") int more);

    void unattributeLinks(long batchId);

    int assign(@Param("batchId") long batchId, @Param("pushIds") Collection<Long> pushIds);

    // --- batches

    Optional<PushBatch> batch(long id);

    List<Long> batchIds(@Param("runId") long runId, @Param("state") PushBatch.State state);

    List<PushBatch> batchesOf(@Param("runId") long runId, @Param("state") PushBatch.State state);

    List<PushBatch> batchesFor(@Param("rep") String rep, @Param("state") PushBatch.State state);

    List<PushBatch> batchesIn(@Param("state") PushBatch.State state, @Param("limit") int limit);

    int moveBatch(@Param("id") long id, @Param("from") PushBatch.State from, @Param("to") PushBatch.State to);

    int claimBatch(@Param("id") long id, @Param("node") String node, @Param("at") Instant at);

    void dispatched(@Param("id") long id, @Param("msgId") String msgId, @Param("at") Instant at);

    void flag(@Param("id") long id, @Param("reason") String reason);

    void reminded(@Param("id") long id, @Param("at") Instant at);

    List<Member> members(@Param("batchId") long batchId, @Param("status") PushStatus status);

    int movePushes(@Param("batchId") long batchId, @Param("from") PushStatus from, @Param("to") PushStatus to);

    void sent(@Param("ids") Collection<Long> ids, @Param("at") Instant at, @Param("msgId") String msgId,
              @Param("delivery") String delivery, @Param("content") String content);

    void skipped(@Param("ids") Collection<Long> ids, @Param("reason") String reason);

    void requeue(@Param("batchId") long batchId, @Param("dueAt") Instant dueAt, @Param("reason") String reason);

    List<Member> awaitingDelivery(long batchId);

    /** Settles pushes still PENDING; answers how many it settled. */
    int delivered(@Param("ids") Collection<Long> ids, @Param("status") String status, @Param("at") Instant at);

    void insertLink(@Param("token") String token, @Param("batchId") long batchId, @Param("customerId") String customerId,
                    @Param("stepNo") int stepNo, @Param("target") String target, @Param("at") Instant at);

    /** A push due at a send window, with what the window needs to batch it. */
    record DuePush(long id, String customerId, String planKey, int planVersion, int stepNo, String senderRep,
                   Instant dueAt) {
    }

    record Member(long pushId, String customerId) {
    }

    /** {@code waitingFor}: the push's send window, or the owner rep's confirmation. */
    record StepCount(String planKey, int planVersion, int stepNo, WaitingFor waitingFor, long leads) {
    }

    enum WaitingFor {
        DUE_TIME, REP_CONFIRMATION
    }
}
