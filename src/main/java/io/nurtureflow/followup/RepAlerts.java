package io.nurtureflow.followup;

import io.nurtureflow.customer.Customers;
import io.nurtureflow.system.Role;
import io.nurtureflow.system.TimeConfig;
import io.nurtureflow.system.UserDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Alerts to reps, written into the outbox in the transaction of what they announce (a task opened, a batch to
 * confirm), so none is lost if that transaction commits and none exists if it rolls back; {@link AlertSender} is
 * woken once it committed.
 */
@Service
public class RepAlerts {

    static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("M月d日 HH:mm");
    /** 90236: a text card's description holds at most 512 bytes */
    private static final int DESCRIPTION_BYTES = 512;

    private final AlertMapper alerts;
    private final AlertLinks links;
    private final AlertSender sender;
    private final Customers customers;
    private final UserDirectory users;
    private final TimeConfig time;
    private final Clock clock;

    RepAlerts(AlertMapper alerts, AlertLinks links, AlertSender sender, Customers customers, UserDirectory users,
              TimeConfig time, Clock clock) {
        this.alerts = alerts;
        this.links = links;
        this.sender = sender;
        this.customers = customers;
        this.users = users;
        this.time = time;
        this.clock = clock;
    }

    /** The task's rep (for an escalation: the sales lead it is assigned to) learns of it; once per task and rep. */
    void taskOpened(FollowUpTask task) {
        String description = line("gray", "截止 " + DUE.format(task.dueAt().atZone(time.timeZone())))
                + line("normal", "客户：" + leadName(task.customerId()))
                + (task.reason() == null ? "" : line("highlight", task.reason()));
        // an escalation of a rep with no sales lead named is every sales lead's to take (its candidate group)
        var recipients = task.rep() != null ? List.of(task.rep()) : users.membersOf(Role.SALES_LEAD);
        for (String recipient : recipients) {
            add(RepAlert.pending("TASK:" + task.taskId() + ":" + recipient, recipient, AlertKind.of(task.kind()),
                    description, links.task(task.customerId()), clock.instant()));
        }
    }

    /** A CONFIRM step's mass-send waits for the rep's go before its window closes. */
    public void batchToConfirm(long batchId, String rep, String text, Instant closesAt) {
        String preview = text == null ? "" : text.length() > 60 ? text.substring(0, 60) + "…" : text;
        String description = line("gray", "请在 " + DUE.format(closesAt.atZone(time.timeZone())) + " 前确认")
                + line("normal", preview);
        add(RepAlert.pending("BATCH:" + batchId, rep, AlertKind.CONFIRM_PUSH, description,
                links.batchToConfirm(batchId), clock.instant()));
    }

    /**
     * A daily or weekly report is ready for its reader (an admin or sales lead): its headline figures, and a link to
     * the dashboard over its days; once per {@code key}.
     */
    public void reportReady(String key, String reader, boolean weekly, List<String> figures, LocalDate from,
                            LocalDate to) {
        var description = new StringBuilder(line("gray", from.equals(to) ? from.toString() : from + " 至 " + to));
        figures.forEach(figure -> description.append(line("normal", figure)));
        add(RepAlert.pending(key, reader, weekly ? AlertKind.WEEKLY_REPORT : AlertKind.DAILY_REPORT,
                description.toString(), links.report(from, to), clock.instant()));
    }

    void add(RepAlert alert) {
        if (alerts.insertIfAbsent(alert) == 0) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sender.soon();
                }
            });
        } else {
            sender.soon();
        }
    }

    /** The lead as a card names them: the name only, never a phone number (a card can be read over a shoulder). */
    String leadName(String customerId) {
        String name = customers.get(customerId).name();
        return name == null || name.isBlank() ? "未留名客户" : name;
    }

    /** WeCom's card markup (90236): gray, normal and highlight lines. */
    static String line(String style, String text) {
        return "<div class=\"" + style + "\">" + text + "</div>";
    }

    static String fit(String description) {
        String fitted = description;
        while (fitted.getBytes(StandardCharsets.UTF_8).length > DESCRIPTION_BYTES) {
            fitted = fitted.substring(0, fitted.lastIndexOf("<div"));
        }
        return fitted;
    }
}
