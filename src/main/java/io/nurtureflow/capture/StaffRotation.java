package io.nurtureflow.capture;

import io.nurtureflow.system.Role;
import io.nurtureflow.system.TimeConfig;
import io.nurtureflow.system.UserDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Routes a new scanner to a rep of the channel's pool: only reps who are online, on duty and still employed
 * (departed reps are skipped by asking the user directory); regular reps until each is at their daily cap, then
 * the backups; fairly by weight among those. The channel's row lock makes concurrent scans take turns, so a cap
 * is never exceeded and the shares stay exact.
 */
@Service
class StaffRotation {

    private final ChannelMapper channels;
    private final UserDirectory users;
    private final TimeConfig config;
    private final Clock clock;

    StaffRotation(ChannelMapper channels, UserDirectory users, TimeConfig config, Clock clock) {
        this.channels = channels;
        this.users = users;
        this.config = config;
        this.clock = clock;
    }

    /** Picks and counts the next rep; empty when nobody can take a scanner now. */
    @Transactional
    Optional<String> nextRep(Channel channel) {
        channels.lock(channel.id());
        var now = LocalDateTime.ofInstant(clock.instant(), config.timeZone());
        var candidates = new ArrayList<>(onDuty(channel, now));
        boolean weighted = channel.routing() == NewChannel.Routing.WEIGHTED;
        // employment is asked of the directory only for the rep about to be picked: departures are rare
        for (var pick = FairShare.pick(open(candidates), weighted); pick.isPresent();
             pick = FairShare.pick(open(candidates), weighted)) {
            if (employed(pick.get().rep())) {
                count(channel.id(), pick.get().rep(), now);
                return Optional.of(pick.get().rep());
            }
            candidates.remove(pick.get());
        }
        return Optional.empty();
    }

    /** The reps WeCom may rotate through right now (for the contact way), without counting anybody. */
    List<String> availableNow(Channel channel) {
        var now = LocalDateTime.ofInstant(clock.instant(), config.timeZone());
        return available(channel, now).stream().map(ChannelMapper.Staffing::rep).toList();
    }

    /** Counts an add that WeCom routed itself, so caps hold on the WeCom path too. */
    @Transactional
    void countAdd(Channel channel, String rep) {
        channels.lock(channel.id());
        count(channel.id(), rep, LocalDateTime.ofInstant(clock.instant(), config.timeZone()));
    }

    boolean employed(String rep) {
        return users.isMember(rep, Role.REP) || users.isMember(rep, Role.SALES_LEAD);
    }

    private List<ChannelMapper.Staffing> available(Channel channel, LocalDateTime now) {
        return open(onDuty(channel, now).stream().filter(s -> employed(s.rep())).toList());
    }

    private List<ChannelMapper.Staffing> onDuty(Channel channel, LocalDateTime now) {
        var slots = channels.slots(channel.id()).stream()
                .collect(Collectors.groupingBy(ChannelMapper.RepSlot::rep,
                        Collectors.mapping(ChannelMapper.RepSlot::slot, Collectors.toList())));
        return channels.staffing(channel.id(), now.toLocalDate()).stream()
                .filter(ChannelMapper.Staffing::online)
                .filter(s -> new Schedule(slots.getOrDefault(s.rep(), List.of())).onDuty(now))
                .toList();
    }

    /** Regular reps under their cap; once there are none, the backups under theirs. */
    private static List<ChannelMapper.Staffing> open(List<ChannelMapper.Staffing> onDuty) {
        var regulars = onDuty.stream().filter(s -> !s.backup()).filter(s -> !s.capped()).toList();
        return regulars.isEmpty() ? onDuty.stream().filter(ChannelMapper.Staffing::backup).filter(s -> !s.capped()).toList()
                : regulars;
    }

    private void count(long channelId, String rep, LocalDateTime now) {
        if (channels.incrementAssignment(channelId, rep, now.toLocalDate()) == 0) {
            channels.insertAssignment(channelId, rep, now.toLocalDate());
        }
    }
}
