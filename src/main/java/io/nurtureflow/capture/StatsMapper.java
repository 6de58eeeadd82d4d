package io.nurtureflow.capture;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.LocalDate;
import java.util.List;

@Mapper
interface StatsMapper {

    /** Scans per rep and local day; offsetMinutes turns the stored UTC time into the local day. */
    List<Count> scans(@Param("channelId") long channelId, @Param("offsetMinutes") int offsetMinutes);

    /** Leads per rep, local day and whether they were new customers. */
    List<Count> leads(@Param("channelId") long channelId, @Param("offsetMinutes") int offsetMinutes);

    record Count(String rep, LocalDate day, String outcome, long count) {
    }
}
