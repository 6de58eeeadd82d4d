package io.nurtureflow.segment;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;

@Mapper
interface OptOutMapper {

    boolean exists(String customerId);

    void insert(@Param("customerId") String customerId, @Param("at") Instant at, @Param("reason") String reason);
}
