package io.nurtureflow.sop;

import io.nurtureflow.customer.Customers;
import io.nurtureflow.customer.TagReader;
import io.nurtureflow.customer.Timeline;
import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.NotFound;
import io.nurtureflow.system.TimeConfig;
import io.nurtureflow.wecom.Attachment;
import io.nurtureflow.wecom.CustomerMessage;
import io.nurtureflow.wecom.DeliveryStatus;
import io.nurtureflow.wecom.WeComChannel;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A lead's pushes: planning the next step of its plan version (the outbox row is written then, with the moment the
 * plan asked for, the moment the send policy allows and why they differ), and sending it exactly once.
 */
@Service
public class Pushes {

    private static final int CONTENT_LENGTH = 4000;

    private final SopMapper sop;
    private final Plans plans;
    private final SendPolicy policy;
    private final Contents contents;
    private final Customers customers;
    private final TagReader tags;
    private final WeComChannel wecom;
    private final PushLedger ledger;
    private final Timeline timeline;
    private final TimeConfig config;
    private final SopSettings settings;
    private final Clock clock;

    Pushes(SopMapper sop, Plans plans, SendPolicy policy, Contents contents, Customers customers, TagReader tags,
           WeComChannel wecom, PushLedger ledger, Timeline timeline, TimeConfig config, SopSettings settings,
           Clock clock) {
        this.sop = sop;
        this.plans = plans;
        this.policy = policy;
        this.contents = contents;
        this.customers = customers;
        this.tags = tags;
        this.wecom = wecom;
        this.ledger = ledger;
        this.timeline = timeline;
        this.config = config;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The next step after {@code afterStep} meant for this lead and when it may go out, or empty when the plan is
     * done. Steps whose audience excludes the lead are recorded as skipped. Safe to repeat.
     */
    @Transactional
    public Optional<NextPush> planNext(String customerId, Plans.PlanRef plan, int afterStep, Instant capturedAt) {
        var steps = plans.steps(plan);
        boolean stopped = steps.stream().anyMatch(s -> s.stepNo() == afterStep && s.stopsPlan());
        if (stopped) {
            timeline.record(customerId, "PUSH", "SOP " + plan.key() + " v" + plan.version() + " stopped after step "
                    + afterStep);
            return Optional.empty();
        }
        var customerTags = new HashSet<>(tags.tagsOf(customerId));
        var owner = customers.get(customerId).ownerRep();
        for (SopStep step : steps) {
            if (step.stepNo() <= afterStep) {
                continue;
            }
            if (!step.addresses(customerTags)) {
                var row = outboxRow(customerId, step, owner, null);
                sop.markSkipped(row.id, "not in the step's audience");
                continue;
            }
            Instant previous = sop.lastSentAt(customerId, plan.key(), plan.version()).orElse(null);
            var slot = policy.schedule(step, capturedAt, previous, clock.instant(), zoneOf(customerId),
                    sop.sentTimes(customerId));
            var row = outboxRow(customerId, step, owner, slot);
            if (slot.moved()) {
                timeline.record(customerId, "PUSH", describe(step) + " planned for " + local(slot.plannedAt(), customerId)
                        + ", moved to " + local(slot.dueAt(), customerId) + ": " + slot.moveReason());
            }
            return Optional.of(new NextPush(step.stepNo(), row.dueAt, step.delivery(), confirmWithin(step),
                    settings.remindEvery()));
        }
        return Optional.empty();
    }

    /**
     * Sends the planned push if the send policy allows it now, else moves it to the next allowed moment (and says
     * so). A push already sent, by an earlier attempt or another node, is not sent again.
     */
    @Transactional
    public SendOutcome send(String customerId, String planKey, int version, int stepNo) {
        var step = plans.steps(new Plans.PlanRef(planKey, version)).stream().filter(s -> s.stepNo() == stepNo)
                .findFirst().orElseThrow(() -> new NotFound("Plan " + planKey + " v" + version + " has no step " + stepNo));
        var customer = customers.get(customerId);
        // a flow that pushes without planning first (one built from the element template) gets its row now,
        // committed on its own so that the claim below can see it
        var push = sop.findPush(customerId, planKey, version, stepNo).orElseGet(() -> {
            ledger.register(newRow(customerId, step, customer.ownerRep(), null));
            return sop.findPush(customerId, planKey, version, stepNo).orElseThrow();
        });
        var settled = settled(push);
        if (settled.isPresent()) {
            return settled.get();
        }
        Instant now = clock.instant();
        var slot = policy.nextAllowed(now, zoneOf(customerId), sop.sentTimes(customerId), step.sendWindow());
        if (slot.dueAt().isAfter(now)) {
            sop.reschedule(push.id, push.plannedAt == null ? now : push.plannedAt, slot.dueAt(), slot.moveReason());
            timeline.record(customerId, "PUSH", describe(step) + " could not go at " + local(now, customerId)
                    + ", moved to " + local(slot.dueAt(), customerId) + ": " + slot.moveReason());
            return new SendOutcome(SendOutcome.Kind.MOVED, slot.dueAt());
        }
        if (!ledger.claim(push.id)) {
            return sop.findPush(customerId, planKey, version, stepNo).flatMap(this::settled)
                    .orElseThrow(() -> new PushInFlight(push.id));
        }
        var links = new LinkedHashMap<String, String>();
        UnaryOperator<String> track = target -> {
            String token = ledger.newToken();
            links.put(token, target);
            return config.baseUrl() + "/l/" + token;
        };
        var values = contents.variables(customer);
        String text = ContentRules.rewriteUrls(ContentRules.render(step.contentText(), values), track);
        var attachments = ContentRules.rewriteLinks(ContentRules.render(contents.read(step.attachments()), values), track);
        WeComChannel.Submission submission;
        try {
            submission = wecom.send(new CustomerMessage(customerId, customers.weComContact(customerId).orElse(null), customer.ownerRep(),
                    text, attachments));
        } catch (RuntimeException notTaken) {
            // WeCom did not take it: let the job's retry send it
            ledger.release(push.id);
            throw notTaken;
        }
        String content = summary(text, attachments);
        Instant sentAt = ledger.sent(push, content, submission.msgId(), submission.status().name(), links,
                describe(step) + " sent via " + wecom.name() + " (" + submission.status() + "): " + content);
        return new SendOutcome(SendOutcome.Kind.SENT, sentAt);
    }

    /** The rep let the confirm deadline pass: the push is not sent, and the record says so. */
    @Transactional
    public void skip(String customerId, String planKey, int version, int stepNo, String why) {
        sop.findPush(customerId, planKey, version, stepNo).ifPresent(push -> {
            if (sop.markSkipped(push.id, why) == 1) {
                timeline.record(customerId, "PUSH", "SOP " + planKey + " v" + version + " step " + stepNo
                        + " skipped: " + why);
            }
        });
    }

    /** A reminder to the owner rep that a push waits for their confirmation, on the lead's timeline. */
    @Transactional
    public void remind(String customerId, String planKey, int version, int stepNo, String rep) {
        timeline.record(customerId, "PUSH", "Reminder to " + rep + ": SOP " + planKey + " v" + version + " step "
                + stepNo + " waits for confirmation");
    }

    /** Reads back what WeCom did with pushes still pending (the rep confirms mass-sends in their client). */
    public int refreshDeliveries(int limit) {
        int settledCount = 0;
        for (var push : sop.awaitingDelivery(limit)) {
            String external = customers.weComContact(push.customerId).orElse(null);
            DeliveryStatus status = external == null ? DeliveryStatus.NO_CONTACT
                    : wecom.statusOf(push.wecomMsgId, push.senderRep, external);
            if (status.settled()) {
                sop.setDelivery(push.id, status.name(), clock.instant());
                timeline.record(push.customerId, "PUSH", "SOP " + push.planKey + " v" + push.planVersion + " step "
                        + push.stepNo + " delivery: " + status);
                settledCount++;
            } else {
                sop.checkedDelivery(push.id, clock.instant());
            }
        }
        return settledCount;
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

    /** The lead's nurture ended: pushes still waiting in the outbox will not go, and the outbox says why. */
    @Transactional
    public void cancelScheduled(String customerId, String why) {
        int cancelled = sop.cancelScheduled(customerId, why);
        if (cancelled > 0) {
            timeline.record(customerId, "PUSH", cancelled + " scheduled push(es) cancelled: " + why);
        }
    }

    public Optional<TrackedLink> link(String token) {
        return token.length() > 32 ? Optional.empty() : sop.findLink(token);
    }

    ZoneId zoneOf(String customerId) {
        return sop.customerZone(customerId).map(ZoneId::of).orElse(policy.defaultZone());
    }

    private Optional<SendOutcome> settled(SopMapper.PushRow push) {
        return switch (push.status) {
            case "SENT" -> Optional.of(new SendOutcome(SendOutcome.Kind.SENT, push.sentAt));
            case "SKIPPED", "CANCELLED" -> Optional.of(new SendOutcome(SendOutcome.Kind.SKIPPED, null));
            case "SENDING" -> throw new PushInFlight(push.id);
            default -> Optional.empty();
        };
    }

    /** The step's outbox row, written once; planning it again (a retried job) updates the schedule. */
    private SopMapper.PushRow outboxRow(String customerId, SopStep step, String sender, SendPolicy.Slot slot) {
        var existing = sop.findPush(customerId, step.planKey(), step.planVersion(), step.stepNo());
        if (existing.isPresent()) {
            var row = existing.get();
            if (slot != null && sop.reschedule(row.id, slot.plannedAt(), slot.dueAt(), slot.moveReason()) == 1) {
                row.plannedAt = slot.plannedAt();
                row.dueAt = slot.dueAt();
            }
            return row;
        }
        var row = newRow(customerId, step, sender, slot);
        try {
            sop.insertPush(row);
            return row;
        } catch (DuplicateKeyException plannedMeanwhile) {
            return sop.findPush(customerId, step.planKey(), step.planVersion(), step.stepNo()).orElseThrow();
        }
    }

    private SopMapper.PushRow newRow(String customerId, SopStep step, String sender, SendPolicy.Slot slot) {
        var row = new SopMapper.PushRow();
        row.customerId = customerId;
        row.planKey = step.planKey();
        row.planVersion = step.planVersion();
        row.stepNo = step.stepNo();
        row.senderRep = sender;
        row.content = fit(step.contentText());
        row.status = "SCHEDULED";
        row.createdAt = clock.instant();
        row.plannedAt = slot == null ? null : slot.plannedAt();
        row.dueAt = slot == null ? null : slot.dueAt();
        row.moveReason = slot == null ? null : slot.moveReason();
        return row;
    }

    private Duration confirmWithin(SopStep step) {
        return step.confirmWithin() == null ? settings.confirmWithin() : Duration.parse(step.confirmWithin());
    }

    private String local(Instant at, String customerId) {
        var zone = zoneOf(customerId);
        return at.atZone(zone).toLocalDateTime().withNano(0) + " " + zone.getId();
    }

    private static String describe(SopStep step) {
        return "SOP " + step.planKey() + " v" + step.planVersion() + " step " + step.stepNo();
    }

    private static String summary(String text, List<Attachment> attachments) {
        String extras = attachments.stream()
                .map(a -> "[" + a.kind() + (a.title() == null ? "" : " " + a.title()) + (a.url() == null ? "" : " " + a.url()) + "]")
                .collect(Collectors.joining(" "));
        return fit(((text == null ? "" : text) + " " + extras).trim());
    }

    private static String fit(String content) {
        return content.length() > CONTENT_LENGTH ? content.substring(0, CONTENT_LENGTH - 3) + "..." : content;
    }

    /** For a rep-confirmed step: the rep has {@code confirmWithin}, and is reminded every {@code remindEvery}. */
    public record NextPush(int stepNo, Instant dueAt, Delivery delivery, Duration confirmWithin, Duration remindEvery) {
    }

    public record SendOutcome(Kind kind, Instant at) {

        public enum Kind {
            SENT, MOVED, SKIPPED
        }
    }

    /** Another attempt holds the push right now; the job retries later and then finds it sent or free. */
    public static class PushInFlight extends RuntimeException {

        PushInFlight(long pushId) {
            super("push " + pushId + " is being sent by another attempt");
        }
    }
}
