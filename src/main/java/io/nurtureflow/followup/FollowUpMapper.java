package io.nurtureflow.followup;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@Mapper
interface FollowUpMapper {

    /** 1 when inserted, 0 when the engine's task was recorded already (a repeated create). */
    int insertIfAbsent(@Param("task") FollowUpTask task);

    Optional<FollowUpTask> find(String taskId);

    List<FollowUpTask> openFor(String rep);

    int reassign(@Param("taskId") String taskId, @Param("rep") String rep);

    List<FollowUpTask> openOfCustomer(@Param("customerId") String customerId, @Param("kind") FollowUpKind kind);

    void close(@Param("taskId") String taskId, @Param("outcome") Outcome outcome, @Param("note") String note,
               @Param("at") Instant at);

    void setNote(@Param("taskId") String taskId, @Param("note") String note);

    List<FollowUpTask> openOfCustomerFor(@Param("customerId") String customerId, @Param("rep") String rep);
}
