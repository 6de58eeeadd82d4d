package io.nurtureflow.followup;

import io.nurtureflow.customer.Customers;
import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.NotFound;
import io.nurtureflow.system.Role;
import io.nurtureflow.system.UserDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * 离职继承: a departing rep's customers and open tasks go to a named successor, or round-robin to the active
 * reps of the same team. WeCom lets a customer be transferred at most twice in 90 days; a customer over that
 * limit stays where it is and the refusal is recorded for the sales lead. With WeCom configured, WeCom is asked
 * to move the customers' contacts first ({@link WeComHandOver}); a customer WeCom refuses stays with the
 * departing rep here too, so both sides keep the same owner. The rep leaves the reps group, so they are no longer
 * routed new leads and can no longer log in. All or nothing, in one transaction: if WeCom cannot be reached,
 * nothing changes.
 */
@Service
public class Inheritance {

    static final int WECOM_TRANSFERS = 2;
    static final Duration WECOM_WINDOW = Duration.ofDays(90);

    private final RepMapper reps;
    private final TransferMapper transfers;
    private final FollowUpMapper tasks;
    private final Customers customers;
    private final TaskEngine engine;
    private final UserDirectory users;
    private final WeComHandOver wecom;
    private final Clock clock;

    Inheritance(RepMapper reps, TransferMapper transfers, FollowUpMapper tasks, Customers customers, TaskEngine engine,
                UserDirectory users, WeComHandOver wecom, Clock clock) {
        this.reps = reps;
        this.transfers = transfers;
        this.tasks = tasks;
        this.customers = customers;
        this.engine = engine;
        this.users = users;
        this.wecom = wecom;
        this.clock = clock;
    }

    @Transactional
    public List<Transfer> deactivate(String rep, String successor, boolean leftWeCom, String message) {
        if (!users.exists(rep)) {
            throw new NotFound("No user " + rep + ".");
        }
        WeComHandOver.checkMessage(leftWeCom, message);
        var heirs = heirs(rep, successor);
        Instant now = clock.instant();
        var plan = plan(rep, heirs, now);
        var heirOf = new LinkedHashMap<String, String>();
        plan.stream().filter(step -> step.heir() != null).forEach(step -> heirOf.put(step.customerId(), step.heir()));
        var answers = wecom.start(rep, heirOf, leftWeCom, message);

        if (reps.find(rep).isEmpty()) {
            reps.insert(RepProfile.unDescribed(rep), now);
        }
        reps.deactivate(rep, now);
        // routing, Tasklist and our login go by the user's groups: leaving the reps group closes every door a rep had
        users.revoke(rep, Role.REP);
        String why = successor == null ? "round-robin in the team" : "named successor";
        var done = new ArrayList<Transfer>();
        for (var step : plan) {
            done.add(record(settle(rep, step, why, answers, now)));
        }
        return done;
    }

    public List<Transfer> transfersFrom(String rep) {
        return transfers.from(rep);
    }

    /** Who gets each customer, decided before WeCom is asked; no heir when WeCom's limit keeps the customer. */
    private List<Step> plan(String rep, List<String> heirs, Instant now) {
        var plan = new ArrayList<Step>();
        int next = 0;
        for (String customerId : customers.idsOwnedBy(rep)) {
            boolean overLimit = transfers.countTransferredSince(customerId, now.minus(WECOM_WINDOW)) >= WECOM_TRANSFERS;
            plan.add(new Step(customerId, overLimit ? null : heirs.get(next++ % heirs.size())));
        }
        return plan;
    }

    private Transfer settle(String rep, Step step, String why, WeComHandOver.Answers answers, Instant now) {
        String customerId = step.customerId();
        if (step.heir() == null) {
            return new Transfer(customerId, rep, null, "BLOCKED",
                    "WeCom allows " + WECOM_TRANSFERS + " transfers per customer in 90 days", now);
        }
        var refusal = answers.refusal(customerId);
        if (refusal.isPresent()) {
            return new Transfer(customerId, rep, null, "WECOM_REFUSED", refusal.get(), now);
        }
        hand(customerId, rep, step.heir());
        return new Transfer(customerId, rep, step.heir(), "TRANSFERRED", why + answers.note(customerId), now);
    }

    private void hand(String customerId, String from, String to) {
        customers.changeOwner(customerId, to, from + " left");
        var lifecycle = customers.get(customerId).lifecycleInstanceId();
        if (lifecycle != null) {
            engine.changeOwner(lifecycle, to);
        }
        for (var task : tasks.openOfCustomerFor(customerId, from)) {
            engine.reassign(task.taskId(), to);
            transfers.reassignTask(task.taskId(), to);
        }
    }

    private Transfer record(Transfer transfer) {
        transfers.insert(transfer);
        return transfer;
    }

    private List<String> heirs(String rep, String successor) {
        if (successor != null) {
            if (successor.equals(rep) || !users.isMember(successor, Role.REP)
                    || !reps.find(successor).map(RepProfile::active).orElse(true)) {
                throw new BadInput("successor", "successor must be another active rep.");
            }
            return List.of(successor);
        }
        var team = reps.find(rep).map(RepProfile::team).orElse(null);
        var teammates = team == null ? List.<String>of() : reps.activeTeammates(team, rep);
        if (teammates.isEmpty()) {
            throw new BadInput("successor", rep + " has no active teammates: name a successor.");
        }
        return teammates;
    }

    private record Step(String customerId, String heir) {
    }
}
