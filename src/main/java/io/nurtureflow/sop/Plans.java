package io.nurtureflow.sop;

import io.nurtureflow.capture.Channels;
import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.NotFound;
import io.nurtureflow.wecom.Attachment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SOP plans: ordered steps, saved as a new version each time. A lead keeps the version it started on; which plan
 * a lead gets is the tagging decision's (a {@code planKey} it sets), else its channel's, else the default.
 */
@Service
public class Plans {

    public static final String DEFAULT_PLAN = "new-lead";
    private static final Logger log = LoggerFactory.getLogger(Plans.class);
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final int MAX_STEPS = 100;
    private static final int MAX_DAY = 365;
    private static final Duration LONGEST_DELAY = Duration.ofDays(365);
    private static final int DEFAULT_SILENCE_DAYS = 14;
    private static final int LONGEST_SILENCE_DAYS = 365;

    private final SopMapper sop;
    private final SendPolicy policy;
    private final Contents contents;
    private final Channels channels;
    private final Clock clock;

    Plans(SopMapper sop, SendPolicy policy, Contents contents, Channels channels, Clock clock) {
        this.sop = sop;
        this.policy = policy;
        this.contents = contents;
        this.channels = channels;
        this.clock = clock;
    }

    /** Checks everything first, then writes the new version, its steps and channel assignments together. */
    @Transactional
    public PlanView save(NewPlan plan) {
        if (plan.key() == null || !KEY.matcher(plan.key()).matches()) {
            throw new BadInput("key", "key is 1-40 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        if (plan.name() == null || plan.name().isBlank() || plan.name().length() > 100) {
            throw new BadInput("name", "name is required, at most 100 characters");
        }
        int silenceDays = plan.silenceDays() == null ? DEFAULT_SILENCE_DAYS : plan.silenceDays();
        if (silenceDays < 1 || silenceDays > LONGEST_SILENCE_DAYS) {
            throw new BadInput("silenceDays", "silenceDays (days without interaction before a lead goes silent) is"
                    + " 1-" + LONGEST_SILENCE_DAYS);
        }
        if (plan.steps() == null || plan.steps().isEmpty()) {
            throw new BadInput("steps", "a plan needs at least one step");
        }
        var channelIds = plan.channels() == null ? List.<Long>of() : plan.channels();
        for (int i = 0; i < channelIds.size(); i++) {
            try {
                channels.get(channelIds.get(i));
            } catch (NotFound e) {
                throw new BadInput("channels[" + i + "]", "no channel " + channelIds.get(i));
            }
        }
        int version = sop.latestVersion(plan.key()).orElse(0) + 1;
        var stored = new ArrayList<SopStep>();
        for (int i = 0; i < plan.steps().size(); i++) {
            stored.addAll(steps(plan.key(), version, stored.size() + 1, "steps[" + i + "].", plan.steps().get(i)));
        }
        if (stored.size() > MAX_STEPS) {
            throw new BadInput("steps", "a plan has at most " + MAX_STEPS + " pushes; this one has " + stored.size());
        }
        checkReachable(plan.steps());
        sop.insertPlan(plan.key(), version, plan.name(), silenceDays, clock.instant());
        stored.forEach(sop::insertStep);
        channelIds.forEach(channel -> {
            sop.deleteChannelPlan(channel);
            sop.insertChannelPlan(channel, plan.key());
        });
        return get(plan.key(), version);
    }

    public PlanView latest(String key) {
        return get(key, sop.latestVersion(key).orElseThrow(() -> new NotFound("No SOP plan '" + key + "'.")));
    }

    public PlanView get(String key, int version) {
        var row = sop.plan(key, version).orElseThrow(() -> new NotFound("No SOP plan '" + key + "' v" + version + "."));
        var steps = sop.steps(key, version).stream().map(s -> new StepView(s.stepNo(), s.timing(), s.dayOffset(),
                s.sendWindow(), s.atTime(), s.delayAfter(), s.atLocal(), s.weekdays(), s.contentId(), s.contentText(),
                contents.read(s.attachments()), s.includeTags(), s.excludeTags(), s.stopsPlan(), s.delivery())).toList();
        return new PlanView(row.planKey(), row.version(), row.name(), row.silenceDays(), row.createdAt(), steps);
    }

    /** The plan a lead starts on: the one asked for (by the tagging decision), its channel's, or the default. */
    public PlanRef choose(String requested, Long channelId) {
        if (requested != null) {
            var version = sop.latestVersion(requested);
            if (version.isPresent()) {
                return new PlanRef(requested, version.get());
            }
            log.warn("the tagging decision asked for SOP plan '{}', which does not exist; using the channel's", requested);
        }
        String key = channelId == null ? DEFAULT_PLAN : sop.channelPlan(channelId).orElse(DEFAULT_PLAN);
        return new PlanRef(key, sop.latestVersion(key).orElseThrow(() -> new NotFound("No SOP plan '" + key + "'.")));
    }

    /** How long a lead on this plan may stay without interaction before it moves on (to silent, to dormant). */
    public Duration silencePeriod(PlanRef plan) {
        return Duration.ofDays(sop.plan(plan.key(), plan.version()).map(SopMapper.PlanRow::silenceDays)
                .orElseThrow(() -> new NotFound("No SOP plan '" + plan.key() + "' v" + plan.version() + ".")));
    }

    List<SopStep> steps(PlanRef plan) {
        return sop.steps(plan.key(), plan.version());
    }

    private List<SopStep> steps(String key, int version, int firstNo, String at, NewStep step) {
        if (step.timing() == null) {
            throw new BadInput(at + "timing", "timing is one of DAY_AT_WINDOW, DAY_AT_TIME, AFTER_PREVIOUS, "
                    + "AT_DATE_TIME, WEEKLY");
        }
        String window = step.window() == null ? null : checkWindow(at + "window", step.window());
        String atTime = step.at() == null ? null : checkTime(at + "at", step.at(), window);
        String windowKept = window != null ? window
                : atTime != null ? policy.windowAt(LocalTime.parse(atTime)).orElseThrow().name() : SendPolicy.ANY_WINDOW;
        int day = 0;
        String delay = null;
        String dateTime = null;
        String weekdays = null;
        int repeats = 1;
        switch (step.timing()) {
            case DAY_AT_WINDOW -> {
                day = checkDay(at, step.day());
                if (window == null) {
                    throw new BadInput(at + "window", "a DAY_AT_WINDOW step needs a window: " + policy.describeWindows());
                }
            }
            case DAY_AT_TIME -> {
                day = checkDay(at, step.day());
                if (atTime == null) {
                    throw new BadInput(at + "at", "a DAY_AT_TIME step needs at (HH:mm) inside a send window");
                }
            }
            case AFTER_PREVIOUS -> delay = checkDelay(at + "after", step.after());
            case AT_DATE_TIME -> {
                dateTime = checkDateTime(at + "dateTime", step.dateTime());
                atTime = null;
                windowKept = policy.windowAt(LocalDateTime.parse(dateTime).toLocalTime()).orElseThrow().name();
            }
            case WEEKLY -> {
                weekdays = checkWeekdays(at + "weekdays", step.weekdays());
                if (step.weeks() == null || step.weeks() < 1 || step.weeks() > 52) {
                    throw new BadInput(at + "weeks", "a WEEKLY step needs weeks between 1 and 52: repeated without an"
                            + " end, the plan would never end");
                }
                if (window == null && atTime == null) {
                    throw new BadInput(at + "window", "a WEEKLY step needs a window or at (HH:mm)");
                }
                repeats = step.weeks() * step.weekdays().size();
            }
        }
        var content = content(at, step);
        var steps = new ArrayList<SopStep>();
        for (int r = 0; r < repeats; r++) {
            steps.add(new SopStep(key, version, firstNo + r, step.timing(), day, windowKept, atTime, delay, dateTime,
                    weekdays, step.contentId(), content.text() == null ? "" : content.text(),
                    contents.write(content.attachments()), tags(at + "includeTags", step.includeTags()),
                    tags(at + "excludeTags", step.excludeTags()),
                    Boolean.TRUE.equals(step.stopsPlan()) && r == repeats - 1,
                    step.delivery() == null ? Delivery.AUTO : step.delivery()));
        }
        return steps;
    }

    /** A step after one that stops the plan for everyone could never be sent: that is a mistake, not a plan. */
    private static void checkReachable(List<NewStep> steps) {
        for (int i = 0; i < steps.size() - 1; i++) {
            var step = steps.get(i);
            boolean forEveryone = empty(step.includeTags()) && empty(step.excludeTags());
            if (Boolean.TRUE.equals(step.stopsPlan()) && forEveryone) {
                throw new BadInput("steps[" + (i + 1) + "]", "never reached: step " + i + " stops the plan for every"
                        + " lead; give it an audience condition or remove the steps after it");
            }
        }
    }

    private Contents.Preview content(String at, NewStep step) {
        boolean inline = step.text() != null || (step.attachments() != null && !step.attachments().isEmpty());
        if (step.contentId() != null && inline) {
            throw new BadInput(at + "contentId", "give either contentId or text/attachments, not both");
        }
        if (step.contentId() != null) {
            try {
                var item = contents.get(step.contentId());
                return new Contents.Preview(item.text(), item.attachments());
            } catch (NotFound e) {
                throw new BadInput(at + "contentId", "no content " + step.contentId() + " in the library");
            }
        }
        var attachments = step.attachments() == null ? List.<Attachment>of() : step.attachments();
        ContentRules.check(at, step.text(), attachments);
        return new Contents.Preview(step.text(), attachments);
    }

    private String checkWindow(String field, String window) {
        if (policy.window(window).isEmpty()) {
            throw new BadInput(field, "no send window '" + window + "'; the windows are " + policy.describeWindows());
        }
        return window;
    }

    private String checkTime(String field, String value, String window) {
        LocalTime time;
        try {
            time = LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadInput(field, "at is a time of day like 07:30, not '" + value + "'");
        }
        var containing = policy.windowAt(time);
        if (containing.isEmpty() || (window != null && !containing.get().name().equals(window))) {
            throw new BadInput(field, value + " is outside " + (window == null ? "every send window" : window)
                    + "; the windows are " + policy.describeWindows());
        }
        return time.toString();
    }

    private String checkDateTime(String field, String value) {
        LocalDateTime at;
        try {
            at = LocalDateTime.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new BadInput(field, "dateTime is a local date-time like 2026-12-01T19:00");
        }
        if (policy.windowAt(at.toLocalTime()).isEmpty()) {
            throw new BadInput(field, at.toLocalTime() + " is outside every send window; the windows are "
                    + policy.describeWindows());
        }
        if (at.atZone(policy.defaultZone()).toInstant().isBefore(clock.instant())) {
            throw new BadInput(field, value + " has already passed");
        }
        return at.toString();
    }

    private static int checkDay(String at, Integer day) {
        if (day == null || day < 0 || day > MAX_DAY) {
            throw new BadInput(at + "day", "day is the day after capture, 0 to " + MAX_DAY);
        }
        return day;
    }

    private static String checkDelay(String field, String value) {
        try {
            Duration delay = Duration.parse(value);
            if (delay.isNegative() || delay.isZero() || delay.compareTo(LONGEST_DELAY) > 0) {
                throw new BadInput(field, "after is between PT1M and P365D");
            }
            return delay.toString();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new BadInput(field, "after is an ISO-8601 duration like P2D or PT3H");
        }
    }

    private static String checkWeekdays(String field, List<String> weekdays) {
        if (weekdays == null || weekdays.isEmpty()) {
            throw new BadInput(field, "weekdays lists days like MONDAY, THURSDAY");
        }
        var names = new ArrayList<String>();
        for (String day : weekdays) {
            try {
                names.add(DayOfWeek.valueOf(day.trim().toUpperCase(Locale.ROOT)).name());
            } catch (IllegalArgumentException e) {
                throw new BadInput(field, "'" + day + "' is not a day of the week (MONDAY ... SUNDAY)");
            }
        }
        return String.join(",", names);
    }

    private static String tags(String field, List<String> tags) {
        if (tags == null) {
            return "";
        }
        for (String tag : tags) {
            if (tag == null || tag.isBlank() || tag.contains(",") || tag.length() > 64) {
                throw new BadInput(field, "a tag is 1-64 characters without commas");
            }
        }
        String joined = String.join(",", tags.stream().map(String::trim).toList());
        if (joined.length() > 500) {
            throw new BadInput(field, "at most 500 characters of tags");
        }
        return joined;
    }

    private static boolean empty(List<String> list) {
        return list == null || list.isEmpty();
    }

    public record NewPlan(String key, String name, Integer silenceDays, List<Long> channels, List<NewStep> steps) {
    }

    public record NewStep(Timing timing, Integer day, String window, String at, String after, String dateTime,
                          List<String> weekdays, Integer weeks, Long contentId, String text,
                          List<Attachment> attachments, List<String> includeTags, List<String> excludeTags,
                          Boolean stopsPlan, Delivery delivery) {
    }

    public record PlanRef(String key, int version) {
    }

    public record PlanView(String key, int version, String name, int silenceDays, Instant createdAt,
                           List<StepView> steps) {
    }

    public record StepView(int stepNo, Timing timing, int day, String window, String at, String after,
                           String dateTime, String weekdays, Long contentId, String text, List<Attachment> attachments,
                           List<String> includeTags, List<String> excludeTags, boolean stopsPlan, Delivery delivery) {
    }
}
