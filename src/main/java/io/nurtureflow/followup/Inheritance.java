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
import java.util.List;

/**
 * 离职继承: a departing rep's customers and open tasks go to a named successor, or round-robin to the active
 * reps of the same team. WeCom lets a customer be transferred at most twice in 90 days; a customer over that
 * limit stays where it is and the refusal is recorded for the sales lead. All or nothing, in one transaction.
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
    private final Clock clock;

    Inheritance(RepMapper reps, TransferMapper transfers, FollowUpMapper tasks, Customers customers, TaskEngine engine,
                UserDirectory users, Clock clock) {
        this.reps = reps;
        this.transfers = transfers;
        this.tasks = tasks;
        this.customers = customers;
        this.engine = engine;
        this.users = users;
        this.clock = clock;
    }

    @Transactional
    public List<Transfer> deactivate(String rep, String successor) {
        if (!users.exists(rep)) {
            throw new NotFound("No user " + rep + ".");
        }
        var heirs = heirs(rep, successor);
        Instant now = clock.instant();
        if (reps.find(rep).isEmpty()) {
            reps.insert(RepProfile.unDescribed(rep), now);
        }
        reps.deactivate(rep, now);
        var done = new ArrayList<Transfer>();
        int next = 0;
        for (String customerId : customers.idsOwnedBy(rep)) {
            if (transfers.countTransferredSince(customerId, now.minus(WECOM_WINDOW)) >= WECOM_TRANSFERS) {
                done.add(record(new Transfer(customerId, rep, null, "BLOCKED",
                        "WeCom allows " + WECOM_TRANSFERS + " transfers per customer in 90 days", now)));
                continue;
            }
            String heir = heirs.get(next++ % heirs.size());
            hand(customerId, rep, heir);
            done.add(record(new Transfer(customerId, rep, heir, "TRANSFERRED",
                    successor == null ? "round-robin in the team" : "named successor", now)));
        }
        return done;
    }

    public List<Transfer> transfersFrom(String rep) {
        return transfers.from(rep);
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
}
