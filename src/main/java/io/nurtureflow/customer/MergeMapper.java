package io.nurtureflow.customer;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@Mapper
interface MergeMapper {

    void insert(MergeRow row);

    Optional<MergeRecord> find(long id);

    Optional<MergeRow> survivorBefore(long id);

    List<MergeRecord> of(String customerId);

    /** The survivor's most recent merge that is still in force: only that one can be undone. */
    Long latestInForce(String survivorId);

    void insertIdentity(@Param("mergeId") long mergeId, @Param("kind") IdentityKind kind, @Param("value") String value);

    List<Identity> identities(long mergeId);

    void insertTag(@Param("mergeId") long mergeId, @Param("tag") String tag, @Param("change") String change);

    List<String> tags(@Param("mergeId") long mergeId, @Param("change") String change);

    int markUndone(@Param("id") long id, @Param("by") String by, @Param("at") Instant at);

    /** A merge as written, with the survivor's values from before it. */
    final class MergeRow {
        public Long id;
        public String survivorId;
        public String mergedId;
        public String mergedBy;
        public String reason;
        public Instant mergedAt;
        public Instant undoUntil;
        public String survivorName;
        public String survivorOwner;
        public Instant survivorOwnerSince;
        public Stage survivorStage;
        public int survivorScore;
        public String survivorTail;
        public String endedLifecycle;
        public String movedLifecycle;
    }
}
