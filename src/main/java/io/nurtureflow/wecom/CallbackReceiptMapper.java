package io.nurtureflow.wecom;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;

@Mapper
interface CallbackReceiptMapper {

    boolean seen(@Param("fromUser") String fromUser, @Param("createTime") long createTime, @Param("digest") String digest);

    void insert(@Param("fromUser") String fromUser, @Param("createTime") long createTime, @Param("digest") String digest,
                @Param("event") String event, @Param("changeType") String changeType, @Param("at") Instant at,
                @Param("outcome") CallbackReceipt.Outcome outcome, @Param("problem") String problem);

    /** Newest first. */
    List<CallbackReceipt> withOutcome(@Param("outcome") CallbackReceipt.Outcome outcome, @Param("limit") int limit);
}
