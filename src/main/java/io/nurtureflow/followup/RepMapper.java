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

    void deactivate(@Param("rep") String rep, @Param("at") Instant at);
}
