package io.nurtureflow.followup;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;

@Mapper
interface AlertMapper {

    /** 1 when inserted, 0 when an alert with its key is there already. */
    int insertIfAbsent(@Param("alert") RepAlert alert);

    boolean exists(String alertKey);

    /** PENDING alerts due by now, and SENDING ones whose sender died (claimed before {@code staleBefore}). */
    List<RepAlert> due(@Param("now") Instant now, @Param("staleBefore") Instant staleBefore, @Param("limit") int limit);

    /** 1 when this caller now holds the alert, 0 when another sender took it first. */
    int claim(@Param("id") long id, @Param("now") Instant now, @Param("staleBefore") Instant staleBefore);

    void finish(@Param("id") long id, @Param("state") RepAlert.State state, @Param("msgId") String msgId,
                @Param("errcode") Integer errcode, @Param("error") String error, @Param("at") Instant at);

    void retryAt(@Param("id") long id, @Param("at") Instant at, @Param("errcode") int errcode,
                 @Param("error") String error);

    List<RepAlert> inState(@Param("state") RepAlert.State state, @Param("limit") int limit);

    List<RepAlert> ofRep(String rep);
}
