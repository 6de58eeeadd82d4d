package io.nurtureflow.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nurtureflow.customer.FunnelStep;
import io.nurtureflow.followup.RepAlerts;
import io.nurtureflow.system.CurrentUser;
import io.nurtureflow.system.Role;
import io.nurtureflow.system.TimeConfig;
import io.nurtureflow.system.UserDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The 日报 and 周报 of the training-camp seeds: every morning at {@code nurture.reports.send-at} (business time
 * zone) each admin and sales lead gets yesterday's funnel and rep SLA in their own scope, and on Mondays last week's,
 * as a WeCom app message linking to the dashboard over those days; each is kept for reading later. Looked for
 * every few minutes, so a node that was down at that time still sends it later that day; the unique key (cadence,
 * reader, first day) keeps it to one whatever the number of nodes.
 */
@Component
class ReportIssues {

    private final ReportScope scope;
    private final FunnelReport funnels;
    private final SlaReport slas;
    private final IssueMapper issues;
    private final RepAlerts alerts;
    private final UserDirectory users;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;
    private final TimeConfig time;
    private final Clock clock;
    private final LocalTime sendAt;

    ReportIssues(ReportScope scope, FunnelReport funnels, SlaReport slas, IssueMapper issues, RepAlerts alerts,
                 UserDirectory users, ObjectMapper json, PlatformTransactionManager transactions, TimeConfig time,
                 Clock clock,
                 @Value("${nurture.reports.send-at:08:30}") LocalTime sendAt) {
        this.scope = scope;
        this.funnels = funnels;
        this.slas = slas;
        this.issues = issues;
        this.alerts = alerts;
        this.users = users;
        this.json = json;
        this.transaction = new TransactionTemplate(transactions);
        this.time = time;
        this.clock = clock;
        this.sendAt = sendAt;
    }

    /** Answers how many reports this run sent. */
    @Scheduled(fixedDelayString = "${nurture.reports.poll-millis:300000}")
    public int run() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, time.timeZone());
        if (now.isBefore(today.atTime(sendAt).atZone(time.timeZone()).toInstant())) {
            return 0;
        }
        var admins = new TreeSet<>(users.membersOf(Role.ADMIN));
        var readers = new TreeSet<>(admins);
        readers.addAll(users.membersOf(Role.SALES_LEAD));
        int sent = 0;
        for (var cadence : Cadence.values()) {
            var period = cadence.period(today);
            if (period.isEmpty()) {
                continue;
            }
            for (String reader : readers) {
                var user = new CurrentUser(reader, admins.contains(reader), !admins.contains(reader));
                if (send(cadence, user, period.get()[0], period.get()[1], now)) {
                    sent++;
                }
            }
        }
        return sent;
    }

    private boolean send(Cadence cadence, CurrentUser reader, LocalDate from, LocalDate to, Instant now) {
        if (issues.exists(cadence, reader.username(), from)) {
            return false;
        }
        var filter = scope.period(reader, from, to);
        var funnel = funnels.of(filter, Breakdown.ALL);
        var sla = slas.of(filter, Breakdown.REP);
        String body;
        try {
            body = json.writeValueAsString(new Body(funnel, sla));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report that is not JSON", e);
        }
        try {
            transaction.executeWithoutResult(status -> {
                issues.insert(new IssueMapper.Issue(null, cadence, reader.username(), from, to, body, now));
                alerts.reportReady("REPORT:" + cadence + ":" + reader.username() + ":" + from, reader.username(),
                        cadence == Cadence.WEEKLY, figures(funnel, sla), from, to);
            });
            return true;
        } catch (DuplicateKeyException e) {
            // another node sent this reader's report in the meantime
            return false;
        }
    }

    /** The card's few lines: the funnel's main counts with their rates, the SLA in one line. */
    private static List<String> figures(FunnelReport.Funnel funnel, SlaReport.Sla sla) {
        var total = funnel.total();
        var lines = new ArrayList<String>();
        lines.add("扫码 " + total.counts().get(FunnelStep.SCANNED) + "，新线索 " + total.counts().get(FunnelStep.LEAD)
                + "，添加企微 " + total.counts().get(FunnelStep.WECOM_ADDED));
        lines.add("首次联系 " + total.counts().get(FunnelStep.FIRST_CONTACT) + "，互动 "
                + total.counts().get(FunnelStep.ENGAGED) + "，成交 " + total.counts().get(FunnelStep.CONVERTED)
                + "（" + percent(total.rates().get(FunnelStep.CONVERTED)) + "）");
        long done = sla.rows().stream().mapToLong(r -> r.firstContacts().done()).sum();
        long inTime = sla.rows().stream().mapToLong(r -> r.firstContacts().inTime()).sum();
        long escalations = sla.rows().stream().mapToLong(SlaReport.Row::escalations).sum();
        lines.add("首次联系及时率 " + percent(FunnelReport.rate(inTime, done)) + "，超时升级 " + escalations);
        return lines;
    }

    private static String percent(Double rate) {
        return rate == null ? "—" : String.format("%.1f%%", rate * 100);
    }

    /** What a kept report holds: the funnel and the rep SLA, as the API answered them then. */
    record Body(FunnelReport.Funnel funnel, SlaReport.Sla sla) {
    }
}
