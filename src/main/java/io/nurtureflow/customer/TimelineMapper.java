package io.nurtureflow.customer;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;

@Mapper
interface TimelineMapper {

    void insert(@Param("customerId") String customerId, @Param("at") Instant at, @Param("kind") String kind,
                @Param("summary") String summary);

    void insertAll(@Param("rows") List<NewEntry> rows);

    record NewEntry(String customerId, Instant at, String kind, String summary) {
    }

    boolean has(@Param("customerId") String customerId, @Param("kind") String kind, @Param("summary") String summary);

    List<TimelineEntry> latest(@Param("customerId") String customerId, @Param("limit") int limit);
}
