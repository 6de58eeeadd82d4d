package io.nurtureflow.wecom;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;

@Mapper
interface CallbackReceiptMapper {

    boolean seen(@Param("fromUser") String fromUser, @Param("createTime") long createTime, @Param("digest") String digest);

    void insert(@Param("fromUser") String fromUser, @Param("createTime") long createTime, @Param("digest") String digest,
                @Param("event") String event, @Param("changeType") String changeType, @Param("at") Instant at);
}
