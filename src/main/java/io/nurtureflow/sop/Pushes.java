package io.nurtureflow.sop;

import io.nurtureflow.customer.Customers;
import io.nurtureflow.customer.TagReader;
import io.nurtureflow.customer.Timeline;
import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.NotFound;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A lead's place in its plan and its next push. The place is data ({@link Enrolment}); the next push is an outbox
 * row with the moment the plan asked for, the moment the send policy allows and why they differ. Nothing waits per
 * lead: the send window whose opening covers the row picks it up, and once it went the next step is planned here,
 * for a whole batch at once.
 */
@Service
public class Pushes {

    private static final int CONTENT_LENGTH = 4000;
    private static final int CHUNK = 500;
    /** Long enough for every cap the policy knows (per day, week, month). */
    private static final Duration CAP_MEMORY = Duration.ofDays(40);

    private final SopMapper sop;
    private final Plans plans;
    private final SendPolicy policy;
    private final Customers customers;
    private final TagReader tags;
    private final Timeline timeline;
    private final Shifts shifts;
    private final Clock clock;

    Pushes(SopMapper sop, Plans plans, SendPolicy policy, Customers customers, TagReader tags, Timeline timeline,
           Shifts shifts, Clock clock) {
        this.sop = sop;
        this.plans = plans;
        this.policy = policy;
        this.customers = customers;
        this.tags = tags;
        this.timeline = timeline;
        this.shifts = shifts;
        this.clock = clock;
    }

    /**
     * Puts the lead on the plan version, counting its days from {@code startedAt}, and plans its first push. The
     * plan it was on pauses (the new-lead plan while the silent plan runs); a paused plan of this key resumes at the
     * step it had reached. Safe to repeat. False when the plan has nothing left for this lead.
     */
    @Transactional
    public boolean start(String customerId, Plans.PlanRef plan, Instant startedAt) {
        Instant now = clock.instant();
        for (var other : sop.enrolmentsOf(customerId)) {
            if (other.state() == Enrolment.State.ACTIVE && !other.planKey().equals(plan.key())) {
                sop.setEnrolment(customerId, other.planKey(), Enrolment.State.PAUSED, null, now);
                sop.cancelPlan(customerId, other.planKey(), "paused while " + plan.key() + " runs");
            }
        }
        var existing = sop.enrolment(customerId, plan.key());
        Enrolment enrolment;
        boolean keeps = existing.isPresent() && existing.get().planVersion() == plan.version()
                && (existing.get().state() == Enrolment.State.ACTIVE || existing.get().state() == Enrolment.State.PAUSED);
        if (keeps) {
            enrolment = existing.get();
            sop.setEnrolment(customerId, plan.key(), Enrolment.State.ACTIVE, null, now);
        } else {
            existing.ifPresent(old -> sop.deleteEnrolment(customerId, plan.key()));
            enrolment = new Enrolment(customerId, plan.key(), plan.version(), startedAt, 0, Enrolment.State.ACTIVE);
            sop.insertEnrolment(enrolment, now);
        }
        Instant previous = sop.lastSentAt(customerId, plan.key(), plan.version()).orElse(null);
        var ended = planNext(List.of(new Progress(customerId, plan, enrolment.lastStep(), enrolment.startedAt(),
                previous)));
        return !ended.containsKey(customerId);
    }

    /** The lead's nurture ended: no plan goes on, and pushes not yet handed to WeCom will not go. */
    @Transactional
    public void stop(String customerId, String why) {
        Instant now = clock.instant();
        sop.enrolmentsOf(customerId).stream()
                .filter(e -> e.state() == Enrolment.State.ACTIVE || e.state() == Enrolment.State.PAUSED)
                .forEach(e -> sop.setEnrolment(customerId, e.planKey(), Enrolment.State.ENDED, null, now));
        int cancelled = sop.cancelScheduled(customerId, why);
        if (cancelled > 0) {
            timeline.record(customerId, "PUSH", cancelled + " scheduled push(es) cancelled: " + why);
        }
    }

    /**
     * One step for the lead outside its plan's order (a flow built from the "Push SOP content" template): it goes
     * with the next send window that may carry it. A step queued before is left as it is.
     */
    @Transactional
    public Instant queue(String customerId, String planKey, int version, int stepNo) {
        var step = plans.steps(new Plans.PlanRef(planKey, version)).stream().filter(s -> s.stepNo() == stepNo)
                .findFirst().orElseThrow(() -> new NotFound("Plan " + planKey + " v" + version + " has no step " + stepNo));
        var queued = sop.findPush(customerId, planKey, version, stepNo);
        if (queued.isPresent()) {
            return queued.get().dueAt;
        }
        ZoneId zone = zoneOf(customerId);
        Instant now = clock.instant();
        var slot = policy.nextAllowed(now, zone, sop.sentTimes(customerId), step.sendWindow());
        var row = row(customerId, step, customers.get(customerId).ownerRep(), zone);
        row.plannedAt = slot.plannedAt();
        row.dueAt = slot.dueAt();
        row.moveReason = slot.moveReason();
        sop.insertPushes(List.of(row));
        if (slot.moved()) {
            shifts.record(List.of(Shifts.Shift.planned(customerId, step, row.senderRep, slot, now)));
        }
        timeline.record(customerId, "PUSH", describe(step) + " queued for " + local(slot.dueAt(), zone));
        return slot.dueAt();
    }

    @Transactional
    public void setTimeZone(String customerId, String zone) {
        ZoneId parsed;
        try {
            parsed = ZoneId.of(zone);
        } catch (DateTimeException | NullPointerException e) {
            throw new BadInput("timeZone", "timeZone is a region id like Asia/Shanghai or Europe/London");
        }
        customers.get(customerId);
        sop.deleteCustomerZone(customerId);
        sop.insertCustomerZone(customerId, parsed.getId());
    }

    public Optional<TrackedLink> link(String token) {
        return token.length() > 32 ? Optional.empty() : sop.findLink(token);
    }

    /**
     * For each lead, the first step after the one it reached that addresses it, and when the send policy lets it
     * go; the steps on the way whose audience leaves the lead out are recorded as skipped. Reads and writes a whole
     * batch set-wise. Answers the leads whose plan has nothing left, and how it ended.
     */
    Map<String, Enrolment.State> planNext(Collection<Progress> leads) {
        if (leads.isEmpty()) {
            return Map.of();
        }
        Instant now = clock.instant();
        var ids = leads.stream().map(Progress::customerId).distinct().toList();
        var tagsOf = tags.tagsOf(ids);
        var zones = zones(ids);
        var sent = sentTimes(ids, now);
        var owners = customers.getAll(ids);
        var ended = new LinkedHashMap<String, Enrolment.State>();
        var moves = new LinkedHashMap<String, String>();
        var moved = new ArrayList<Shifts.Shift>();
        var fresh = new ArrayList<SopMapper.PushRow>();
        var byPlan = new LinkedHashMap<Plans.PlanRef, List<Progress>>();
        leads.forEach(p -> byPlan.computeIfAbsent(p.plan(), plan -> new ArrayList<>()).add(p));
        byPlan.forEach((plan, group) -> {
            var steps = plans.steps(plan);
            var existing = new HashMap<String, SopMapper.PushRow>();
            sop.pushesOf(group.stream().map(Progress::customerId).toList(), plan.key(), plan.version())
                    .forEach(row -> existing.put(row.customerId + "#" + row.stepNo, row));
            for (var lead : group) {
                var owner = owners.get(lead.customerId());
                var next = next(lead, steps, tagsOf.getOrDefault(lead.customerId(), Set.of()), existing,
                        zones.get(lead.customerId()), sent.getOrDefault(lead.customerId(), List.of()), now,
                        owner == null ? null : owner.ownerRep(), fresh);
                if (next instanceof Planned planned && planned.moveReason() != null) {
                    moves.put(lead.customerId(), planned.describe());
                    moved.add(Shifts.Shift.planned(lead.customerId(), planned.step(),
                            owner == null ? null : owner.ownerRep(), planned.slot(), now));
                } else if (next instanceof Ended end) {
                    ended.put(lead.customerId(), end.state());
                }
            }
        });
        for (int from = 0; from < fresh.size(); from += CHUNK) {
            sop.insertPushes(fresh.subList(from, Math.min(fresh.size(), from + CHUNK)));
        }
        shifts.record(moved);
        timeline.recordAll(moves, "PUSH");
        recordEnds(leads, ended, now);
        return ended;
    }

    private Outcome next(Progress lead, List<SopStep> steps, Set<String> customerTags,
                         Map<String, SopMapper.PushRow> existing, ZoneId zone, List<Instant> sentTimes, Instant now,
                         String sender, List<SopMapper.PushRow> fresh) {
        if (steps.stream().anyMatch(s -> s.stepNo() == lead.afterStep() && s.stopsPlan())) {
            return new Ended(Enrolment.State.STOPPED);
        }
        for (SopStep step : steps) {
            if (step.stepNo() <= lead.afterStep()) {
                continue;
            }
            var row = existing.get(lead.customerId() + "#" + step.stepNo());
            PushStatus status = row == null ? null : PushStatus.valueOf(row.status);
            if (status == PushStatus.SENT || status == PushStatus.SKIPPED) {
                continue;
            }
            if (status == PushStatus.BATCHED || status == PushStatus.DISPATCHING) {
                return new Planned(step, null, null);
            }
            if (!step.addresses(customerTags)) {
                if (row == null) {
                    var skipped = row(lead.customerId(), step, sender, zone);
                    skipped.status = PushStatus.SKIPPED.name();
                    skipped.moveReason = "not in the step's audience";
                    fresh.add(skipped);
                } else {
                    sop.markSkipped(row.id, "not in the step's audience");
                }
                continue;
            }
            var slot = policy.schedule(step, lead.startedAt(), lead.previousSentAt(), now, zone, sentTimes);
            if (row == null) {
                var planned = row(lead.customerId(), step, sender, zone);
                planned.plannedAt = slot.plannedAt();
                planned.dueAt = slot.dueAt();
                planned.moveReason = slot.moveReason();
                fresh.add(planned);
            } else {
                sop.reschedule(row.id, slot.plannedAt(), slot.dueAt(), slot.moveReason(), zone.getId());
            }
            return new Planned(step, slot, slot.moved() ? describe(step) + " planned for " + local(slot.plannedAt(), zone)
                    + ", moved to " + local(slot.dueAt(), zone) + ": " + slot.moveReason() : null);
        }
        return new Ended(Enrolment.State.FINISHED);
    }

    private void recordEnds(Collection<Progress> leads, Map<String, Enrolment.State> ended, Instant now) {
        var grouped = new LinkedHashMap<String, List<String>>();
        var summaries = new LinkedHashMap<String, String>();
        for (var lead : leads) {
            var state = ended.get(lead.customerId());
            if (state != null) {
                grouped.computeIfAbsent(lead.plan().key() + "#" + state, k -> new ArrayList<>()).add(lead.customerId());
                summaries.put(lead.customerId(), "SOP " + lead.plan().key() + " v" + lead.plan().version()
                        + (state == Enrolment.State.STOPPED ? " stopped after step " + lead.afterStep() : " finished"));
            }
        }
        grouped.forEach((key, ids) -> {
            String[] parts = key.split("#");
            for (int from = 0; from < ids.size(); from += CHUNK) {
                sop.endEnrolments(ids.subList(from, Math.min(ids.size(), from + CHUNK)), parts[0],
                        Enrolment.State.valueOf(parts[1]), now);
            }
        });
        timeline.recordAll(summaries, "PUSH");
    }

    ZoneId zoneOf(String customerId) {
        return sop.customerZone(customerId).map(ZoneId::of).orElse(policy.defaultZone());
    }

    /** Each customer's calendar: their own zone, else the corp's. */
    Map<String, ZoneId> zones(Collection<String> customerIds) {
        var zones = new HashMap<String, ZoneId>();
        customerIds.forEach(id -> zones.put(id, policy.defaultZone()));
        for (var chunk : chunks(customerIds)) {
            sop.customerZones(chunk).forEach(z -> zones.put(z.customerId(), ZoneId.of(z.timeZone())));
        }
        return zones;
    }

    /** What each customer was sent recently, for the frequency caps and WeCom's quota. */
    Map<String, List<Instant>> sentTimes(Collection<String> customerIds, Instant now) {
        var sent = new HashMap<String, List<Instant>>();
        for (var chunk : chunks(customerIds)) {
            sop.sentSince(chunk, now.minus(CAP_MEMORY))
                    .forEach(s -> sent.computeIfAbsent(s.customerId(), id -> new ArrayList<>()).add(s.sentAt()));
        }
        return sent;
    }

    private static List<List<String>> chunks(Collection<String> ids) {
        var all = List.copyOf(ids);
        var chunks = new ArrayList<List<String>>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return chunks;
    }

    private SopMapper.PushRow row(String customerId, SopStep step, String sender, ZoneId zone) {
        var row = new SopMapper.PushRow();
        row.customerId = customerId;
        row.planKey = step.planKey();
        row.planVersion = step.planVersion();
        row.stepNo = step.stepNo();
        row.senderRep = sender;
        row.content = fit(step.contentText());
        row.status = PushStatus.SCHEDULED.name();
        row.createdAt = clock.instant();
        row.sendWindow = step.sendWindow();
        row.timeZone = zone.getId();
        return row;
    }

    static String local(Instant at, ZoneId zone) {
        return at.atZone(zone).toLocalDateTime().withNano(0) + " " + zone.getId();
    }

    static String describe(SopStep step) {
        return "SOP " + step.planKey() + " v" + step.planVersion() + " step " + step.stepNo();
    }

    static String fit(String content) {
        return content.length() > CONTENT_LENGTH ? content.substring(0, CONTENT_LENGTH - 3) + "..." : content;
    }

    /** Where one lead stands when its next push is planned. */
    record Progress(String customerId, Plans.PlanRef plan, int afterStep, Instant startedAt, Instant previousSentAt) {
    }

    private sealed interface Outcome permits Planned, Ended {
    }

    private record Planned(SopStep step, SendPolicy.Slot slot, String describe) implements Outcome {

        String moveReason() {
            return slot == null ? null : slot.moveReason();
        }
    }

    private record Ended(Enrolment.State state) implements Outcome {
    }
}
