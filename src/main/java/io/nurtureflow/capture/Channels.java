package io.nurtureflow.capture;

import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.Conflict;
import io.nurtureflow.system.NotFound;
import io.nurtureflow.system.Role;
import io.nurtureflow.system.TimeConfig;
import io.nurtureflow.system.UserDirectory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

@Service
public class Channels {

    private static final char[] CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int LOGO_BYTES = 512 * 1024;

    private final ChannelMapper channels;
    private final UserDirectory users;
    private final TimeConfig config;
    private final Clock clock;
    private final LifecycleFlows flows;

    Channels(ChannelMapper channels, UserDirectory users, TimeConfig config, Clock clock, LifecycleFlows flows) {
        this.channels = channels;
        this.flows = flows;
        this.users = users;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public Channel create(NewChannel request, String createdBy) {
        validate(request);
        var row = row(request);
        row.code = request.code() == null ? newCode() : request.code();
        row.createdBy = createdBy;
        row.createdAt = clock.instant();
        if (channels.findByCode(row.code).isPresent()) {
            throw new Conflict("code", "The code '" + row.code + "' is already in use.");
        }
        try {
            channels.insert(row);
        } catch (DuplicateKeyException raced) {
            throw new Conflict("code", "The code '" + row.code + "' is already in use.");
        }
        writeDetails(row.id, request);
        return get(row.id);
    }

    /** Replaces pool, tags, welcome and expiry; the code stays, it is printed on posters. */
    @Transactional
    public Channel update(long id, NewChannel request) {
        var existing = get(id);
        if (request.code() != null && !request.code().equals(existing.code())) {
            throw new BadInput("code", "A live code cannot change its code: it is already printed.");
        }
        validate(request);
        var row = row(request);
        row.id = id;
        channels.update(row);
        channels.deleteStaff(id);
        channels.deleteSlots(id);
        channels.deleteTags(id);
        channels.deleteWelcomeSlots(id);
        writeDetails(id, request);
        return get(id);
    }

    @Transactional
    public Channel setEnabled(long id, boolean enabled) {
        get(id);
        channels.setEnabled(id, enabled);
        return get(id);
    }

    @Transactional
    public void setLogo(long id, byte[] logo) {
        get(id);
        if (logo == null || logo.length == 0 || logo.length > LOGO_BYTES) {
            throw new BadInput("logo", "The logo must be a PNG or JPEG image of at most " + LOGO_BYTES / 1024 + " KB.");
        }
        Images.requireImage(logo, "logo");
        channels.setLogo(id, logo);
    }

    Optional<byte[]> logo(Channel channel) {
        return channel.logoVersion() == 0 ? Optional.empty() : channels.logo(channel.id()).map(ChannelMapper.Logo::image);
    }

    public Channel get(long id) {
        return channels.find(id).orElseThrow(() -> new NotFound("No channel " + id + "."));
    }

    public Optional<Channel> byCode(String code) {
        return code == null || code.length() > 30 ? Optional.empty() : channels.findByCode(code);
    }

    public List<String> staff(long channelId) {
        return channels.staff(channelId);
    }

    public List<String> tags(long channelId) {
        return channels.tags(channelId);
    }

    /** The welcome for this moment: the time slot covering it, else the channel's default. */
    public Welcome welcome(Channel channel) {
        var now = LocalDateTime.ofInstant(clock.instant(), config.timeZone());
        int minute = now.getHour() * 60 + now.getMinute();
        return channels.welcomeSlots(channel.id()).stream().filter(slot -> slot.contains(minute)).findFirst()
                .map(Welcome.StoredSlot::welcome).orElseGet(channel::defaultWelcome);
    }

    private void validate(NewChannel request) {
        // against our clock, not the JVM's: the simulation moves time
        if (request.expiresAt() != null && !request.expiresAt().isAfter(clock.instant())) {
            throw new BadInput("expiresAt", "expiresAt must be in the future.");
        }
        if (request.lifecycleFlowOrNone() != null) {
            flows.requireUsable(request.lifecycleFlowOrNone(), "lifecycleFlow");
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < request.staff().size(); i++) {
            var member = request.staff().get(i);
            String field = "staff[" + i + "]";
            if (!users.isMember(member.rep(), Role.REP) && !users.isMember(member.rep(), Role.SALES_LEAD)) {
                throw new BadInput(field + ".rep", "'" + member.rep() + "' is not a sales rep.");
            }
            if (!seen.add(member.rep())) {
                throw new BadInput("staff", "A rep appears twice in the staff pool.");
            }
            for (int h = 0; h < member.hours().size(); h++) {
                var hours = member.hours().get(h);
                requireOrder(hours.from(), hours.to(), field + ".hours[" + h + "]");
            }
            for (int s = 0; s < member.specialDates().size(); s++) {
                var special = member.specialDates().get(s);
                if (special.to().isBefore(special.from())) {
                    throw new BadInput(field + ".specialDates[" + s + "].to", "The range ends before it starts.");
                }
                var hours = special.hours() == null ? List.<Schedule.TimeRange>of() : special.hours();
                for (int h = 0; h < hours.size(); h++) {
                    requireOrder(hours.get(h).from(), hours.get(h).to(), field + ".specialDates[" + s + "].hours[" + h + "]");
                }
            }
        }
        if (request.staff().stream().allMatch(StaffMember::backup)) {
            throw new BadInput("staff", "The pool needs at least one rep who is not a backup.");
        }
        var slots = request.welcomeSlotsOrNone();
        for (int i = 0; i < slots.size(); i++) {
            requireOrder(slots.get(i).from(), slots.get(i).to(), "welcomeSlots[" + i + "]");
        }
    }

    private static void requireOrder(java.time.LocalTime from, java.time.LocalTime to, String field) {
        if (Schedule.minuteOf(from) >= Schedule.endMinute(to)) {
            throw new BadInput(field + ".to", "'to' must be after 'from' (00:00 as 'to' means midnight).");
        }
    }

    private static ChannelMapper.ChannelRow row(NewChannel request) {
        var row = new ChannelMapper.ChannelRow();
        row.name = request.name().strip();
        row.routing = request.routingOrDefault();
        row.expiresAt = request.expiresAt();
        row.welcomeText = request.welcomeText();
        row.lifecycleFlow = request.lifecycleFlowOrNone();
        if (request.welcomeLink() != null) {
            row.welcomeLinkTitle = request.welcomeLink().title();
            row.welcomeLinkUrl = request.welcomeLink().url();
            row.welcomeImageUrl = request.welcomeLink().imageUrl();
        }
        return row;
    }

    private void writeDetails(long id, NewChannel request) {
        for (int i = 0; i < request.staff().size(); i++) {
            var member = request.staff().get(i);
            channels.insertStaff(id, member, i);
            Schedule.slotsOf(member).forEach(slot -> channels.insertSlot(id, member.rep(), slot));
        }
        request.tagsOrNone().stream().map(String::strip).distinct().forEach(tag -> channels.insertTag(id, tag));
        var slots = request.welcomeSlotsOrNone();
        for (int i = 0; i < slots.size(); i++) {
            var slot = slots.get(i);
            var link = slot.link();
            channels.insertWelcomeSlot(id, i, new Welcome.StoredSlot(Schedule.minuteOf(slot.from()),
                    Schedule.endMinute(slot.to()), slot.text(), link == null ? null : link.title(),
                    link == null ? null : link.url(), link == null ? null : link.imageUrl()));
        }
    }

    private static String newCode() {
        var code = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            code.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
        }
        return code.toString();
    }
}
