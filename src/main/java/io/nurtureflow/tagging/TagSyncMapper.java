package io.nurtureflow.tagging;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;

/** The outbox of tag changes on their way to WeCom: written with the change, sent after it committed. */
@Mapper
interface TagSyncMapper {

    void insert(@Param("customerId") String customerId, @Param("added") String added,
                @Param("removed") String removed, @Param("at") Instant at);

    List<PendingSync> pending(@Param("limit") int limit);

    /** Takes a row for sending; 0 when another node took it first. */
    int claim(long id);

    void finish(@Param("id") long id, @Param("status") String status, @Param("error") String error,
                @Param("at") Instant at);

    /** Back to pending for the next sweep, or FAILED once the attempts are used up. */
    void failed(@Param("id") long id, @Param("error") String error, @Param("maxAttempts") int maxAttempts);

    record PendingSync(long id, String customerId, String added, String removed, int attempts) {

        List<String> addedTags() {
            return added == null || added.isEmpty() ? List.of() : List.of(added.split(","));
        }

        List<String> removedTags() {
            return removed == null || removed.isEmpty() ? List.of() : List.of(removed.split(","));
        }
    }
}
