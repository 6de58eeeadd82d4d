package io.nurtureflow.followup;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;

@Mapper
interface TransferMapper {

    int countTransferredSince(@Param("customerId") String customerId, @Param("since") Instant since);

    void insert(@Param("transfer") Transfer transfer);

    List<Transfer> from(String rep);

    void reassignTask(@Param("taskId") String taskId, @Param("rep") String rep);
}
