package io.nurtureflow.followup;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@Mapper
interface RepMapper {

    Optional<RepProfile> find(String rep);

    int update(@Param("profile") RepProfile profile, @Param("at") Instant at);

    void insert(@Param("profile") RepProfile profile, @Param("at") Instant at);

    List<String> activeTeammates(@Param("team") String team, @Param("rep") String rep);

    /** departed reps too: customers WeCom would not move stay with them, and their lead still answers for them */
    List<String> ledBy(String salesLead);

    void deactivate(@Param("rep") String rep, @Param("at") Instant at);
}
