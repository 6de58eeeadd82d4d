package io.nurtureflow.sop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nurtureflow.customer.Customer;
import io.nurtureflow.customer.Customers;
import io.nurtureflow.customer.Timeline;
import io.nurtureflow.followup.RepAlerts;
import io.nurtureflow.system.Conflict;
import io.nurtureflow.system.NotFound;
import io.nurtureflow.system.TimeConfig;
import io.nurtureflow.wecom.Attachment;
import io.nurtureflow.wecom.DeliveryStatus;
import io.nurtureflow.wecom.WeComChannel;
import io.nurtureflow.wecom.WeComClient;
import io.nurtureflow.wecom.WeComException;
import io.nurtureflow.wecom.WeComLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What a send window does with the pushes due in it: gathers them, applies the caps (a customer over one moves to
 * the next allowed window, with the reason on the timeline), groups the rest into one batch per rep, step and
 * content, hands each batch to WeCom as one mass-send the rep confirms once, reminds the reps who have not confirmed
 * before the window closes, and reads back what each customer got.
 *
 * <p>A batch leaves the building the moment WeCom takes it, so each step of it commits on its own: the claim before
 * the call, the record after. A batch found half-way (the service died during the call) cannot be told from one WeCom
 * never saw, so it is flagged for an admin instead of sent a second time.
 */
@Service
public class Batches {

    private static final Logger log = LoggerFactory.getLogger(Batches.class);
    private static final int PAGE = 5000;
    private static final int CHUNK = 500;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * The engine's job lock time: another attempt at a batch claimed less than this ago is still running (a second
     * node running the same job), one claimed longer ago died with its node.
     */
    private static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(5);

    private final WindowMapper windows;
    private final SopMapper sop;
    private final Plans plans;
    private final Pushes pushes;
    private final SendPolicy policy;
    private final Contents contents;
    private final Customers customers;
    private final Timeline timeline;
    private final WeComChannel wecom;
    private final PlanEnds planEnds;
    private final StepLedger ledger;
    private final Shifts shifts;
    private final RepAlerts alerts;
    private final SopSettings settings;
    private final TimeConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    /** Which node claimed a batch, for whoever has to look at one left half-way. */
    private final String node = "node-" + UUID.randomUUID().toString().substring(0, 8);

    Batches(WindowMapper windows, SopMapper sop, Plans plans, Pushes pushes, SendPolicy policy, Contents contents,
            Customers customers, Timeline timeline, WeComChannel wecom, PlanEnds planEnds, StepLedger ledger,
            Shifts shifts, RepAlerts alerts, SopSettings settings, TimeConfig config, ObjectMapper json, Clock clock, PlatformTransactionManager transactions) {
        this.windows = windows;
        this.sop = sop;
        this.plans = plans;
        this.pushes = pushes;
        this.policy = policy;
        this.contents = contents;
        this.customers = customers;
        this.timeline = timeline;
        this.wecom = wecom;
        this.planEnds = planEnds;
        this.ledger = ledger;
        this.shifts = shifts;
        this.alerts = alerts;
        this.settings = settings;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Gathers every push due by now in the run's window and calendar, a page at a time, each page committed on its
     * own (a retry takes up what is still SCHEDULED). Answers how many pushes were batched.
     */
    public int gather(long runId) {
        var run = run(runId);
        if (run.state == WindowRun.State.SCHEDULED) {
            // every write to the run row commits on its own: the pages below add to its counts in their own transactions
            ownTransaction.executeWithoutResult(tx -> windows.setRunState(runId, WindowRun.State.OPEN));
        }
        Instant until = earlier(clock.instant(), run.closesAt);
        int gathered = 0;
        var gathering = new Gathering(contents.variablesOfMany());
        // a quiet pickup reads and writes nothing else: most pickups of most windows find nothing new
        for (var due = windows.duePushes(run.windowName, run.timeZone, until, PAGE); !due.isEmpty();
             due = windows.duePushes(run.windowName, run.timeZone, until, PAGE)) {
            var page = due;
            ownTransaction.executeWithoutResult(tx -> gatherPage(run, page, gathering));
            gathered += due.size();
        }
        return gathered;
    }

    private void gatherPage(WindowRun run, List<WindowMapper.DuePush> due, Gathering gathering) {
        Instant now = clock.instant();
        ZoneId zone = ZoneId.of(run.timeZone);
        var ids = due.stream().map(WindowMapper.DuePush::customerId).distinct().toList();
        var unknown = ids.stream().filter(id -> !gathering.sent.containsKey(id)).toList();
        unknown.forEach(id -> gathering.sent.put(id, new ArrayList<>()));
        pushes.sentTimes(unknown, now).forEach((id, times) -> gathering.sent.get(id).addAll(times));
        var people = customers.getAll(ids);
        var groups = new LinkedHashMap<BatchKey, List<WindowMapper.DuePush>>();
        var moves = new LinkedHashMap<String, String>();
        var moved = new ArrayList<Shifts.Shift>();
        var found = new LinkedHashMap<StepLedger.Step, Integer>();
        for (var push : due) {
            var step = gathering.step(push);
            var customer = people.get(push.customerId());
            String sender = customer.ownerRep() != null ? customer.ownerRep() : push.senderRep();
            var counted = new StepLedger.Step(step.planKey(), step.planVersion(), step.stepNo(), sender);
            found.merge(counted, 1, Integer::sum);
            var sentToHim = gathering.sent.get(push.customerId());
            var slot = policy.nextAllowed(now, zone, sentToHim, step.sendWindow());
            if (slot.dueAt().isAfter(now)) {
                windows.shift(push.id(), slot.dueAt(), slot.moveReason());
                moves.put(push.customerId(), Pushes.describe(step) + " could not go in the " + run.windowName
                        + " window, moved to " + Pushes.local(slot.dueAt(), zone) + ": " + slot.moveReason());
                moved.add(new Shifts.Shift(push.customerId(), counted, true, now, slot.dueAt(), slot.reason(), now));
                continue;
            }
            // counted now, so a second push to the same customer in this window meets the caps too
            sentToHim.add(now);
            var values = gathering.render.apply(customer);
            var attachments = ContentRules.render(gathering.attachmentsOf(step), values);
            groups.computeIfAbsent(new BatchKey(sender, step, ContentRules.render(step.contentText(), values),
                    write(attachments)), k -> new ArrayList<>()).add(push);
        }
        int batches = 0;
        for (var group : groups.entrySet()) {
            var members = group.getValue();
            // a rep's batch of an earlier page is topped up: one mass-send per rep and step, however pages fall
            var open = gathering.open.get(group.getKey());
            int from = 0;
            if (open != null && open.customers < WeComLimits.MASS_SEND_CUSTOMERS) {
                from = Math.min(members.size(), WeComLimits.MASS_SEND_CUSTOMERS - open.customers);
                topUp(open, members.subList(0, from));
            }
            while (from < members.size()) {
                var part = members.subList(from, Math.min(members.size(), from + WeComLimits.MASS_SEND_CUSTOMERS));
                gathering.open.put(group.getKey(), newBatch(run, group.getKey(), part, now));
                from += part.size();
                batches++;
            }
        }
        timeline.recordAll(moves, "PUSH");
        shifts.record(moved);
        found.forEach((step, pushes) -> ledger.counted(step, now, StepLedger.Counts.due(pushes)));
        windows.addToRun(run.id, WindowRun.Counts.gathered(due.size() - moved.size(), moved.size(), batches));
    }

    private PushBatch newBatch(WindowRun run, BatchKey key, List<WindowMapper.DuePush> members, Instant now) {
        var batch = new PushBatch();
        batch.runId = run.id;
        batch.senderRep = key.sender();
        batch.planKey = key.step().planKey();
        batch.planVersion = key.step().planVersion();
        batch.stepNo = key.step().stepNo();
        batch.delivery = key.step().delivery();
        batch.customers = members.size();
        batch.state = batch.delivery == Delivery.CONFIRM ? PushBatch.State.AWAITING_CONFIRM : PushBatch.State.READY;
        batch.createdAt = now;
        batch.text = key.text();
        batch.attachments = key.attachments();
        windows.insertBatch(batch);
        // the batch's links are tracked per batch; only a batch of one customer can say who clicked
        String customer = members.size() == 1 ? members.get(0).customerId() : null;
        UnaryOperator<String> track = target -> {
            String token = newToken();
            windows.insertLink(token, batch.id, customer, batch.stepNo, target, now);
            return config.baseUrl() + "/l/" + token;
        };
        batch.text = ContentRules.rewriteUrls(key.text(), track);
        batch.attachments = write(ContentRules.rewriteLinks(read(key.attachments()), track));
        windows.setContent(batch.id, batch.text, batch.attachments);
        assign(batch, members);
        if (batch.state == PushBatch.State.AWAITING_CONFIRM) {
            // in the page's transaction: the rep hears of the batch if and only if it exists
            alerts.batchToConfirm(batch.id, batch.senderRep, batch.text, run.closesAt);
        }
        return batch;
    }

    private void topUp(PushBatch batch, List<WindowMapper.DuePush> members) {
        if (batch.customers == 1) {
            // its links named their one customer; a batch of many cannot say who clicked
            windows.unattributeLinks(batch.id);
        }
        assign(batch, members);
        windows.addCustomers(batch.id, members.size());
        batch.customers += members.size();
    }

    private void assign(PushBatch batch, List<WindowMapper.DuePush> members) {
        for (int from = 0; from < members.size(); from += CHUNK) {
            windows.assign(batch.id, members.subList(from, Math.min(members.size(), from + CHUNK)).stream()
                    .map(WindowMapper.DuePush::id).toList());
        }
    }

    /** The calendars send windows open on: the corp's, and every customer's own. */
    public List<String> zonesInUse() {
        var zones = new ArrayList<String>();
        zones.add(policy.defaultZone().getId());
        windows.zonesInUse().stream().filter(z -> !zones.contains(z)).forEach(zones::add);
        return zones;
    }

    public List<String> windowNames() {
        return policy.windows().stream().map(SendWindow::name).toList();
    }

    /**
     * The run of the window's first opening after {@code after} on the calendar, when nobody has registered it yet
     * (this node earlier, or another node).
     */
    public Optional<WindowRun> register(String window, String zone, Instant after) {
        var opening = policy.nextOpening(window, ZoneId.of(zone), after);
        var run = new WindowRun();
        run.windowName = window;
        run.timeZone = zone;
        run.opensAt = opening.opens();
        run.closesAt = opening.closes();
        run.state = WindowRun.State.SCHEDULED;
        try {
            windows.insertRun(run);
            return Optional.of(run);
        } catch (DuplicateKeyException registered) {
            return Optional.empty();
        }
    }

    /** When the reps who have not confirmed are reminded: a while before the close, in any case after the open. */
    public Instant remindAt(WindowRun run) {
        Instant remind = run.closesAt.minus(settings.remindBefore());
        return remind.isAfter(run.opensAt) ? remind : run.opensAt.plus(Duration.between(run.opensAt, run.closesAt)
                .dividedBy(2));
    }

    /** The batches of the run now ready to go to WeCom. */
    public List<Long> ready(long runId) {
        return windows.batchIds(runId, PushBatch.State.READY);
    }

    /**
     * Hands the batch to WeCom as one mass-send. Safe to repeat: a batch that went is left alone, and one found
     * half-way is flagged, never sent twice.
     */
    public void dispatch(long batchId) {
        var batch = batch(batchId);
        if (batch.state == PushBatch.State.DISPATCHING) {
            if (batch.claimedAt.plus(CLAIM_TIMEOUT).isAfter(clock.instant())) {
                throw new BatchInFlight(batch);
            }
            halfWay(batch);
            return;
        }
        if (batch.state != PushBatch.State.READY) {
            return;
        }
        Boolean claimed = ownTransaction.execute(tx -> {
            if (windows.claimBatch(batchId, node, clock.instant()) != 1) {
                return false;
            }
            windows.movePushes(batchId, PushStatus.BATCHED, PushStatus.DISPATCHING);
            return true;
        });
        if (!Boolean.TRUE.equals(claimed)) {
            return;
        }
        var members = windows.members(batchId, PushStatus.DISPATCHING);
        if (members.isEmpty()) {
            ownTransaction.executeWithoutResult(tx -> windows.moveBatch(batchId, PushBatch.State.DISPATCHING,
                    PushBatch.State.SKIPPED));
            return;
        }
        var contacts = customers.weComContacts(members.stream().map(WindowMapper.Member::customerId).toList(),
                batch.senderRep);
        var recipients = members.stream()
                .map(m -> new WeComChannel.Recipient(m.customerId(), contacts.get(m.customerId()))).toList();
        WeComChannel.MassSend sent;
        try {
            sent = wecom.massSend(new WeComChannel.MassMessage(batch.senderRep, recipients, batch.text,
                    read(batch.attachments)));
        } catch (WeComClient.OutcomeUnknown unknown) {
            flag(batch, unknown.getMessage());
            return;
        } catch (RuntimeException refused) {
            // WeCom answered with an error: it created nothing, the job's retry may send the batch again
            ownTransaction.executeWithoutResult(tx -> {
                windows.movePushes(batchId, PushStatus.DISPATCHING, PushStatus.BATCHED);
                windows.moveBatch(batchId, PushBatch.State.DISPATCHING, PushBatch.State.READY);
            });
            throw refused;
        }
        var ended = ownTransaction.execute(tx -> recordSent(batch, members, sent));
        notifyEnds(batch.planKey, ended);
    }

    private Map<String, Enrolment.State> recordSent(PushBatch batch, List<WindowMapper.Member> members,
                                                    WeComChannel.MassSend sent) {
        Instant now = clock.instant();
        windows.dispatched(batch.id, sent.msgId(), now);
        var byStatus = new LinkedHashMap<DeliveryStatus, List<Long>>();
        var summaries = new LinkedHashMap<String, String>();
        for (var member : members) {
            var status = sent.statuses().getOrDefault(member.customerId(), DeliveryStatus.PENDING);
            byStatus.computeIfAbsent(status, s -> new ArrayList<>()).add(member.pushId());
            summaries.put(member.customerId(), "SOP " + batch.planKey + " v" + batch.planVersion + " step "
                    + batch.stepNo + " sent via " + wecom.name() + " with " + batch.customers + " customer(s) of "
                    + batch.senderRep + " (" + status + "): " + summary(batch));
        }
        String content = Pushes.fit(summary(batch));
        byStatus.forEach((status, ids) -> chunked(ids, chunk -> windows.sent(chunk, now, sent.msgId(), status.name(),
                content)));
        timeline.recordAll(summaries, "PUSH");
        int failed = byStatus.entrySet().stream().filter(e -> e.getKey() != DeliveryStatus.SENT
                && e.getKey() != DeliveryStatus.PENDING).mapToInt(e -> e.getValue().size()).sum();
        int delivered = byStatus.getOrDefault(DeliveryStatus.SENT, List.of()).size();
        windows.addToRun(batch.runId, WindowRun.Counts.dispatched(members.size(), delivered, failed));
        // only a channel that needs no confirmation (or an admin who saw it go) reports SENT at once
        ledger.counted(stepOf(batch), now, new StepLedger.Counts(0, members.size(), delivered, delivered));
        return stepDone(batch, members, now);
    }

    /** The customers of the batch have reached its step (sent or skipped): each one's next push is planned. */
    private Map<String, Enrolment.State> stepDone(PushBatch batch, List<WindowMapper.Member> members, Instant at) {
        var plan = new Plans.PlanRef(batch.planKey, batch.planVersion);
        var enrolled = new HashMap<String, Enrolment>();
        var ids = members.stream().map(WindowMapper.Member::customerId).toList();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            var chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            sop.advanceEnrolments(chunk, batch.planKey, batch.stepNo, at);
            sop.enrolmentsIn(chunk, batch.planKey).stream()
                    .filter(e -> e.state() == Enrolment.State.ACTIVE && e.planVersion() == batch.planVersion)
                    .forEach(e -> enrolled.put(e.customerId(), e));
        }
        // a lead queued by a flow outside its plan's order has no enrolment in it: nothing follows
        var progress = enrolled.values().stream().map(e -> new Pushes.Progress(e.customerId(), plan, batch.stepNo,
                e.startedAt(), at)).toList();
        return pushes.planNext(progress);
    }

    private void notifyEnds(String planKey, Map<String, Enrolment.State> ended) {
        if (ended == null) {
            return;
        }
        ended.keySet().forEach(customerId -> {
            try {
                planEnds.planEnded(customerId, planKey);
            } catch (RuntimeException e) {
                // the enrolment records the end; the flow only waits on it to close its plan branch
                log.warn("could not tell the flow of customer {} that plan {} ended: {}", customerId, planKey,
                        e.getMessage());
            }
        });
    }

    /**
     * A batch claimed but never recorded: the service stopped while WeCom was creating the task. Nothing left the
     * machine with the simulated channel, so it goes again; with WeCom it is flagged for an admin.
     */
    private void halfWay(PushBatch batch) {
        if (!wecom.leavesTheMachine()) {
            ownTransaction.executeWithoutResult(tx -> {
                windows.movePushes(batch.id, PushStatus.DISPATCHING, PushStatus.BATCHED);
                windows.moveBatch(batch.id, PushBatch.State.DISPATCHING, PushBatch.State.READY);
            });
            dispatch(batch.id);
            return;
        }
        flag(batch, "handed to WeCom by " + batch.claimedBy + " at " + batch.claimedAt + " but never recorded: the"
                + " service stopped during the call");
    }

    private void flag(PushBatch batch, String why) {
        String reason = why.length() > 300 ? why.substring(0, 297) + "..." : why;
        ownTransaction.executeWithoutResult(tx -> windows.flag(batch.id, reason));
        log.warn("push batch {} of {} flagged for an admin: {}", batch.id, batch.senderRep, reason);
    }

    /**
     * An admin's decision on a flagged batch, after looking in the rep's WeCom client: it went (its WeCom task id,
     * if known, lets the results be read), or it did not and its pushes go with the next allowed window.
     */
    public PushBatch resolve(long batchId, boolean went, String msgId) {
        var batch = batch(batchId);
        if (batch.state != PushBatch.State.FLAGGED) {
            throw new Conflict("id", "batch " + batchId + " is " + batch.state + ", not FLAGGED");
        }
        var members = windows.members(batchId, PushStatus.DISPATCHING);
        if (went) {
            var statuses = new HashMap<String, DeliveryStatus>();
            members.forEach(m -> statuses.put(m.customerId(), msgId == null ? DeliveryStatus.SENT : DeliveryStatus.PENDING));
            var ended = ownTransaction.execute(tx -> recordSent(batch, members, new WeComChannel.MassSend(msgId, statuses)));
            notifyEnds(batch.planKey, ended);
            if (msgId != null && run(batch.runId).state == WindowRun.State.CLOSED) {
                // the window's read-back has run already: this batch's results are read now
                readBack(batch(batchId), clock.instant());
            }
        } else {
            ownTransaction.executeWithoutResult(tx -> {
                windows.requeue(batchId, clock.instant(), "an admin found the flagged batch " + batchId + " not sent");
                windows.moveBatch(batchId, PushBatch.State.FLAGGED, PushBatch.State.SKIPPED);
            });
        }
        return batch(batchId);
    }

    /** The rep's go for a batch of a CONFIRM step: it goes at once, inside its window. */
    public void confirm(long batchId, String rep) {
        var batch = batch(batchId);
        if (!batch.senderRep.equals(rep)) {
            throw new NotFound("No batch " + batchId + " waits for your confirmation.");
        }
        if (!clock.instant().isBefore(run(batch.runId).closesAt)) {
            throw new Conflict("id", "batch " + batchId + "'s window has closed: it is skipped, its leads go on");
        }
        Integer moved = ownTransaction.execute(tx -> windows.moveBatch(batchId, PushBatch.State.AWAITING_CONFIRM,
                PushBatch.State.READY));
        if (moved == null || moved != 1) {
            throw new Conflict("id", "batch " + batchId + " is " + batch.state + ": nothing to confirm");
        }
        dispatch(batchId);
    }

    public List<PushBatch> awaitingConfirmation(String rep) {
        return windows.batchesFor(rep, PushBatch.State.AWAITING_CONFIRM);
    }

    /**
     * When the open window looks again: at the next push due in it, and every {@code pickup-every} for pushes planned
     * while it is open (a lead captured meanwhile, a step queued by a flow); the close when nothing comes first.
     */
    public Instant nextPickup(long runId) {
        var run = run(runId);
        Instant now = clock.instant();
        Instant regular = now.plus(settings.pickupEvery());
        Instant next = windows.nextDue(run.windowName, run.timeZone, now, earlier(regular, run.closesAt))
                .orElse(regular);
        return earlier(next, run.closesAt);
    }

    /** Before the window closes: each rep whose mass-send WeCom still shows unconfirmed is reminded, once. */
    public int remind(long runId) {
        int reminded = 0;
        for (var batch : windows.batchesOf(runId, PushBatch.State.DISPATCHED)) {
            if (batch.wecomMsgId == null || batch.remindedAt != null || wecom.confirmed(batch.wecomMsgId, batch.senderRep)) {
                continue;
            }
            wecom.remind(batch.wecomMsgId);
            ownTransaction.executeWithoutResult(tx -> windows.reminded(batch.id, clock.instant()));
            reminded++;
        }
        for (var batch : windows.batchesOf(runId, PushBatch.State.AWAITING_CONFIRM)) {
            log.info("batch {} still waits for {} to confirm it", batch.id, batch.senderRep);
            ownTransaction.executeWithoutResult(tx -> windows.reminded(batch.id, clock.instant()));
            reminded++;
        }
        return reminded;
    }

    /**
     * When the window closes: what each customer got is read back from WeCom, a task still unconfirmed is reported
     * as such, and a CONFIRM batch the rep never approved is skipped (its leads move on to their next step).
     */
    public WindowRun collect(long runId) {
        Instant now = clock.instant();
        for (var batch : windows.batchesOf(runId, PushBatch.State.DISPATCHED)) {
            readBack(batch, now);
        }
        for (var batch : windows.batchesOf(runId, PushBatch.State.AWAITING_CONFIRM)) {
            var ended = ownTransaction.execute(tx -> {
                if (windows.moveBatch(batch.id, PushBatch.State.AWAITING_CONFIRM, PushBatch.State.SKIPPED) != 1) {
                    return Map.<String, Enrolment.State>of();
                }
                var members = windows.members(batch.id, PushStatus.BATCHED);
                String why = batch.senderRep + " did not confirm it before the window closed";
                chunked(members.stream().map(WindowMapper.Member::pushId).toList(), chunk -> windows.skipped(chunk, why));
                var summaries = new LinkedHashMap<String, String>();
                members.forEach(m -> summaries.put(m.customerId(), "SOP " + batch.planKey + " v" + batch.planVersion
                        + " step " + batch.stepNo + " skipped: " + why));
                timeline.recordAll(summaries, "PUSH");
                windows.addToRun(runId, WindowRun.Counts.collected(0, 0, members.size(), 0));
                return stepDone(batch, members, now);
            });
            notifyEnds(batch.planKey, ended);
        }
        ownTransaction.executeWithoutResult(tx -> windows.setRunState(runId, WindowRun.State.CLOSED));
        return run(runId);
    }

    /** What WeCom says each of the batch's customers got; a task still unconfirmed is reported as such. */
    private void readBack(PushBatch batch, Instant now) {
        var pending = windows.awaitingDelivery(batch.id);
        if (pending.isEmpty() || batch.wecomMsgId == null) {
            return;
        }
        var contacts = customers.weComContacts(pending.stream().map(WindowMapper.Member::customerId).toList(),
                batch.senderRep);
        var results = wecom.results(batch.wecomMsgId, batch.senderRep);
        var byStatus = new LinkedHashMap<DeliveryStatus, List<Long>>();
        var summaries = new LinkedHashMap<String, String>();
        for (var member : pending) {
            var status = results.getOrDefault(contacts.get(member.customerId()), DeliveryStatus.PENDING);
            status = status == DeliveryStatus.PENDING ? DeliveryStatus.NOT_CONFIRMED : status;
            byStatus.computeIfAbsent(status, s -> new ArrayList<>()).add(member.pushId());
            summaries.put(member.customerId(), "SOP " + batch.planKey + " v" + batch.planVersion + " step "
                    + batch.stepNo + " delivery: " + status);
        }
        ownTransaction.executeWithoutResult(tx -> {
            // a result read twice (two nodes closing one window, a retried job) settles a push once, and counts once
            var settled = new EnumMap<DeliveryStatus, Integer>(DeliveryStatus.class);
            byStatus.forEach((status, ids) -> settled.put(status,
                    chunks(ids).stream().mapToInt(chunk -> windows.delivered(chunk, status.name(), now)).sum()));
            int settledNow = settled.values().stream().mapToInt(Integer::intValue).sum();
            if (settledNow == 0) {
                return;
            }
            int confirmed = settled.entrySet().stream().filter(e -> e.getKey().sentByRep()).mapToInt(Map.Entry::getValue).sum();
            int delivered = settled.getOrDefault(DeliveryStatus.SENT, 0);
            int unconfirmed = settled.getOrDefault(DeliveryStatus.NOT_CONFIRMED, 0);
            var counts = new StepLedger.Counts(0, 0, confirmed, delivered);
            if (!counts.none()) {
                ledger.counted(stepOf(batch), batch.dispatchedAt, counts);
            }
            timeline.recordAll(summaries, "PUSH");
            windows.addToRun(batch.runId, WindowRun.Counts.collected(unconfirmed < settledNow ? 1 : 0, delivered,
                    unconfirmed, settledNow - delivered - unconfirmed));
        });
    }

    public WindowRun run(long runId) {
        return windows.run(runId).orElseThrow(() -> new NotFound("No send window run " + runId + "."));
    }

    public List<WindowRun> latestRuns(int limit) {
        return windows.latestRuns(limit);
    }

    public List<PushBatch> batchesOf(long runId) {
        return windows.batchesOf(runId, null);
    }

    public List<PushBatch> flagged() {
        return windows.batchesIn(PushBatch.State.FLAGGED, 200);
    }

    public PushBatch batch(long batchId) {
        return windows.batch(batchId).orElseThrow(() -> new NotFound("No push batch " + batchId + "."));
    }

    private String summary(PushBatch batch) {
        String extras = read(batch.attachments).stream().map(a -> "[" + a.kind() + (a.title() == null ? "" : " "
                + a.title()) + (a.url() == null ? "" : " " + a.url()) + "]").reduce((a, b) -> a + " " + b).orElse("");
        return ((batch.text == null ? "" : batch.text) + " " + extras).trim();
    }

    private String write(List<Attachment> attachments) {
        try {
            return json.writeValueAsString(attachments);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Attachment> read(String attachments) {
        return contents.read(attachments);
    }

    private static String newToken() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void chunked(List<Long> ids, java.util.function.Consumer<List<Long>> statement) {
        chunks(ids).forEach(statement);
    }

    private static List<List<Long>> chunks(List<Long> ids) {
        var chunks = new ArrayList<List<Long>>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
        }
        return chunks;
    }

    private static StepLedger.Step stepOf(PushBatch batch) {
        return new StepLedger.Step(batch.planKey, batch.planVersion, batch.stepNo, batch.senderRep);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Another attempt is handing the batch to WeCom right now; the job retries later and then finds it done. */
    static class BatchInFlight extends RuntimeException {

        BatchInFlight(PushBatch batch) {
            super("push batch " + batch.id + " is in flight: " + batch.claimedBy + " is handing it to WeCom since "
                    + batch.claimedAt);
        }
    }

    /**
     * What one gathering carries from page to page: the batches still open for more of their rep's customers, what
     * each customer was sent (so caps hold across pages), the plans' steps, their attachments and the content
     * variables, each read once.
     */
    private final class Gathering {

        final Map<BatchKey, PushBatch> open = new HashMap<>();
        final Map<String, List<Instant>> sent = new HashMap<>();
        final Map<Plans.PlanRef, List<SopStep>> steps = new HashMap<>();
        final Map<SopStep, List<Attachment>> attachments = new HashMap<>();
        final Function<Customer, Map<String, String>> render;

        Gathering(Function<Customer, Map<String, String>> render) {
            this.render = render;
        }

        /** A step's attachments, parsed once per gathering rather than once per push. */
        List<Attachment> attachmentsOf(SopStep step) {
            return attachments.computeIfAbsent(step, s -> contents.read(s.attachments()));
        }

        SopStep step(WindowMapper.DuePush push) {
            return steps.computeIfAbsent(new Plans.PlanRef(push.planKey(), push.planVersion()), plans::steps).stream()
                    .filter(s -> s.stepNo() == push.stepNo()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("push " + push.id() + " names a step its plan lacks"));
        }
    }

    /** Pushes that go as one mass-send: same rep, same step, same content as the customers read it. */
    private record BatchKey(String sender, SopStep step, String text, String attachments) {
    }
}
