package io.nurtureflow.capture;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@Mapper
interface LeadCodeMapper {

    void insert(LeadCode code);

    Optional<LeadCode> find(String state);

    /** The newest code of any lead with this phone, for the simulation's "the lead adds the rep". */
    Optional<LeadCode> newestForPhone(String phone);

    /** True only for the first add: a repeated delivery or a second family member's add changes nothing here. */
    int markAdded(@Param("state") String state, @Param("externalUserId") String externalUserId, @Param("at") Instant at);

    List<LeadCode> expired(@Param("now") Instant now, @Param("limit") int limit);

    void retire(@Param("state") String state, @Param("at") Instant at);
}
