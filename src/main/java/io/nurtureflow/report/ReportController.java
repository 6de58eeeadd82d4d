package io.nurtureflow.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nurtureflow.customer.FunnelStep;
import io.nurtureflow.system.CurrentUser;
import io.nurtureflow.system.Forbidden;
import io.nurtureflow.system.NotFound;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every report as JSON and as a CSV download, over {@code from}..{@code to} (days in the business time zone), by
 * {@code by}, filtered by channel, team and rep; admins see all, sales leads their team.
 */
@RestController
@RequestMapping("/api/reports")
class ReportController {

    private static final int ISSUES = 60;

    private final ReportScope scope;
    private final FunnelReport funnels;
    private final SlaReport slas;
    private final StepReport steps;
    private final ReportFilters filters;
    private final IssueMapper issues;
    private final ObjectMapper json;

    ReportController(ReportScope scope, FunnelReport funnels, SlaReport slas, StepReport steps, ReportFilters filters,
                     IssueMapper issues,
                     ObjectMapper json) {
        this.scope = scope;
        this.filters = filters;
        this.funnels = funnels;
        this.slas = slas;
        this.steps = steps;
        this.issues = issues;
        this.json = json;
    }

    /** The channels, teams and reps the caller may filter by. */
    @GetMapping("/filters")
    ReportFilters.Choices filters() {
        return filters.of(CurrentUser.get());
    }

    /** The daily and weekly reports sent to the caller, latest first. */
    @GetMapping("/issues")
    List<IssueMapper.Issue> issues() {
        return issues.latestOf(CurrentUser.get().username(), ISSUES);
    }

    /** One report as it was sent: its reader's, or any for an admin. */
    @GetMapping("/issues/{id}")
    IssueView issue(@PathVariable long id) throws JsonProcessingException {
        var issue = issues.find(id).orElseThrow(() -> new NotFound("No report " + id + "."));
        var user = CurrentUser.get();
        if (!user.admin() && !user.username().equals(issue.reader())) {
            throw new Forbidden("Report " + id + " was sent to someone else.");
        }
        return new IssueView(issue.id(), issue.cadence(), issue.reader(), issue.periodFrom(), issue.periodTo(),
                issue.createdAt(), json.readTree(issue.body()));
    }

    @GetMapping("/funnel")
    FunnelReport.Funnel funnel(ReportQuery query) {
        return funnels.of(filter(query), query.by(Breakdown.ALL));
    }

    @GetMapping("/funnel.csv")
    ResponseEntity<byte[]> funnelCsv(ReportQuery query) {
        var funnel = funnel(query);
        var headings = new ArrayList<String>(List.of(funnel.by().heading));
        Arrays.stream(FunnelStep.values()).forEach(step -> headings.add(Labels.of(step)));
        Arrays.stream(FunnelStep.values()).skip(1).forEach(step -> headings.add(Labels.of(step) + "率"));
        var rows = new ArrayList<List<Object>>();
        funnel.rows().forEach(row -> rows.add(cells(row)));
        rows.add(cells(funnel.total()));
        return Csv.download("漏斗-" + funnel.from() + "-" + funnel.to() + ".csv", headings, rows);
    }

    @GetMapping("/sla")
    SlaReport.Sla sla(ReportQuery query) {
        return slas.of(filter(query), query.by(Breakdown.REP));
    }

    @GetMapping("/sla.csv")
    ResponseEntity<byte[]> slaCsv(ReportQuery query) {
        var sla = sla(query);
        var headings = List.of(sla.by().heading, "首次联系·新建", "首次联系·完成", "首次联系·24工时内完成", "首次联系及时率",
                "跟进·新建", "跟进·完成", "跟进·2工时内完成", "跟进及时率", "超时升级", "未完成任务", "其中已逾期",
                "1天内", "1至3天", "3至7天", "7天以上");
        var rows = sla.rows().stream().map(row -> List.<Object>of(row.label(),
                row.firstContacts().opened(), row.firstContacts().done(), row.firstContacts().inTime(),
                orBlank(row.firstContacts().inTimeRate()), row.followUps().opened(), row.followUps().done(),
                row.followUps().inTime(), orBlank(row.followUps().inTimeRate()), row.escalations(),
                row.openTasks().total(), row.openTasks().overdue(), row.openTasks().underDay(),
                row.openTasks().oneToThreeDays(), row.openTasks().threeToSevenDays(), row.openTasks().older())).toList();
        return Csv.download("销售时效-" + sla.from() + "-" + sla.to() + ".csv", headings, rows);
    }

    @GetMapping("/steps")
    StepReport.Steps steps(StepQuery query) {
        String plan = query.planKey();
        return steps.of(scope.filter(query.from(), query.to(), null, query.team(), query.rep()), plan,
                plan == null ? null : query.version());
    }

    @GetMapping("/steps.csv")
    ResponseEntity<byte[]> stepsCsv(StepQuery query) {
        var report = steps(query);
        var headings = new ArrayList<>(List.of("计划", "版本", "步骤", "应发", "顺延", "已发", "销售确认", "送达",
                "24小时内点击", "24小时内回复", "24小时内退订", "确认率", "送达率", "点击率", "回复率", "退订率"));
        report.reasons().forEach(reason -> headings.add("顺延·" + reason.label()));
        var rows = new ArrayList<List<Object>>();
        report.rows().forEach(row -> rows.add(cells(row, row.planKey(), row.planVersion(), row.stepNo())));
        rows.add(cells(report.total(), "合计", "", ""));
        return Csv.download("步骤效果-" + report.from() + "-" + report.to() + ".csv", headings, rows);
    }

    private ReportFilter filter(ReportQuery query) {
        return scope.filter(query.from(), query.to(), query.channel(), query.team(), query.rep());
    }

    private static List<Object> cells(FunnelReport.Row row) {
        var cells = new ArrayList<Object>(List.of(row.label()));
        cells.addAll(row.counts().values());
        row.rates().values().forEach(rate -> cells.add(orBlank(rate)));
        return cells;
    }

    private static List<Object> cells(StepReport.Row row, Object plan, Object version, Object step) {
        var c = row.counts();
        var r = row.rates();
        var cells = new ArrayList<Object>(List.of(plan, version, step, c.due(), c.shifted(), c.sent(), c.confirmed(),
                c.delivered(), c.clicked(), c.replied(), c.unsubscribed()));
        Arrays.asList(r.confirmed(), r.delivered(), r.clicked(), r.replied(), r.unsubscribed())
                .forEach(rate -> cells.add(orBlank(rate)));
        cells.addAll(row.shifted().values());
        return cells;
    }

    record IssueView(long id, Cadence cadence, String reader, LocalDate periodFrom, LocalDate periodTo,
                     Instant createdAt, JsonNode report) {
    }

    private static Object orBlank(Double rate) {
        return rate == null ? "" : rate;
    }
}
