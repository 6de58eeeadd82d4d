package io.nurtureflow.events;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

@Mapper
interface ScoreMapper {

    /**
     * Locks these customers until the intake commits, in id order: two intakes for one customer add up instead of
     * overwriting, and two batches sharing customers queue on the first of them instead of each holding what the
     * other waits for (they deadlocked when each locked its customers in the order its events came). The scores are
     * read after, by {@link #scoresOf}: a joined row read in the locking statement itself can be stale on H2.
     */
    List<String> lockCustomers(@Param("customerIds") Collection<String> customerIds);

    List<Stored> scoresOf(@Param("customerIds") Collection<String> customerIds);

    void insert(@Param("customerId") String customerId, @Param("points") double points, @Param("at") Instant at);

    void update(@Param("customerId") String customerId, @Param("points") double points, @Param("at") Instant at);

    /** Scores the profile still shows above {@code shown}, with that shown value. */
    List<Score> shownAbove(@Param("shown") int shown, @Param("limit") int limit);

    record Score(String customerId, double points, Instant scoredAt, int shown) {
    }

    record Stored(String customerId, double points, Instant scoredAt) {
    }
}
