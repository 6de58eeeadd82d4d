package io.nurtureflow.events;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@Mapper
interface ScoreMapper {

    /** Locks the score until the intake commits: two intakes for one customer add up instead of overwriting. */
    Optional<Score> find(String customerId);

    void insert(@Param("customerId") String customerId, @Param("points") double points, @Param("at") Instant at);

    void update(@Param("customerId") String customerId, @Param("points") double points, @Param("at") Instant at);

    /** Scores the profile still shows above {@code shown}, with that shown value. */
    List<Score> shownAbove(@Param("shown") int shown, @Param("limit") int limit);

    record Score(String customerId, double points, Instant scoredAt, int shown) {
    }
}
