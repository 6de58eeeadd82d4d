package io.nurtureflow.capture;

import java.util.List;
import java.util.Optional;

/**
 * Who gets the next scanner among the reps who may take one, computed from today's counts instead of kept state:
 * Balinski and Young's quota method. Only a rep still under its share after this scan may take it (n·W &lt; (a+1)·w,
 * with n assigned so far, a the scans after this one, W the total weight), and among those the one with the most
 * weight per scan already given (largest w/(n+1)). That keeps every rep's count between the floor and the ceiling
 * of its weighted share after every scan, which a plain largest-lag pick does not. Round-robin is the same with
 * every weight 1: the least-assigned rep, ties to the earlier position.
 */
final class FairShare {

    private FairShare() {
    }

    static Optional<ChannelMapper.Staffing> pick(List<ChannelMapper.Staffing> candidates, boolean weighted) {
        long afterThisScan = candidates.stream().mapToLong(ChannelMapper.Staffing::assignedToday).sum() + 1;
        long totalWeight = candidates.stream().mapToLong(s -> weight(s, weighted)).sum();
        ChannelMapper.Staffing best = null;
        for (var candidate : candidates) {
            boolean underShare = candidate.assignedToday() * totalWeight < afterThisScan * weight(candidate, weighted);
            if (underShare && (best == null || morePerScan(candidate, best, weighted))) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean morePerScan(ChannelMapper.Staffing a, ChannelMapper.Staffing b, boolean weighted) {
        return weight(a, weighted) * (b.assignedToday() + 1L) > weight(b, weighted) * (a.assignedToday() + 1L);
    }

    private static long weight(ChannelMapper.Staffing staffing, boolean weighted) {
        return weighted ? staffing.weight() : 1;
    }
}
