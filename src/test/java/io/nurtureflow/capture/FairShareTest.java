package io.nurtureflow.capture;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Property tests of the fair share: thousands of picks, random pools and weights, checked after every pick. */
class FairShareTest {

    @Test
    void roundRobinKeepsEveryRepWithinOneOfEveryOther() {
        int[] counts = new int[5];
        for (int scan = 1; scan <= 5_000; scan++) {
            pick(counts, new int[]{1, 1, 1, 1, 1}, false);
            assertThat(max(counts) - min(counts)).as("after %d scans", scan).isLessThanOrEqualTo(1);
        }
        assertThat(counts).containsOnly(1_000);
    }

    @RepeatedTest(200)
    void weightedKeepsEveryRepWithinOneOfItsShareAtEveryPoint() {
        long seed = System.nanoTime();
        var random = new Random(seed);
        int reps = 2 + random.nextInt(6);
        int[] weights = random.ints(reps, 1, 11).toArray();
        int total = java.util.Arrays.stream(weights).sum();
        int[] counts = new int[reps];
        for (int scan = 1; scan <= 4_000; scan++) {
            pick(counts, weights, true);
            for (int rep = 0; rep < reps; rep++) {
                double share = (double) scan * weights[rep] / total;
                assertThat(Math.abs(counts[rep] - share)).as("seed %d: rep %d of weights %s after %d scans",
                        seed, rep, java.util.Arrays.toString(weights), scan).isLessThan(1.0);
            }
        }
    }

    @Test
    void aRepWhoJoinsLateCatchesUpWithoutStarvingTheOthersForever() {
        int[] counts = {300, 300, 0};
        for (int scan = 0; scan < 900; scan++) {
            pick(counts, new int[]{1, 1, 1}, false);
        }
        assertThat(counts).containsOnly(500);
    }

    @Test
    void nobodyToPickIsEmpty() {
        assertThat(FairShare.pick(List.of(), true)).isEmpty();
    }

    private static void pick(int[] counts, int[] weights, boolean weighted) {
        var pool = new ArrayList<ChannelMapper.Staffing>();
        for (int i = 0; i < counts.length; i++) {
            pool.add(new ChannelMapper.Staffing("rep" + i, i, weights[i], null, false, true, counts[i]));
        }
        var picked = FairShare.pick(pool, weighted).orElseThrow();
        counts[picked.position()]++;
    }

    private static int max(int[] values) {
        return java.util.Arrays.stream(values).max().orElseThrow();
    }

    private static int min(int[] values) {
        return java.util.Arrays.stream(values).min().orElseThrow();
    }
}
