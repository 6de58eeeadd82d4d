package io.nurtureflow.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.nurtureflow.support.Browser;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.RunningService;
import io.nurtureflow.support.Scenario;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.nurtureflow.support.Api.ADMIN;
import static io.nurtureflow.support.Api.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard in headless Chromium, as an admin opens it from the welcome page: its figures are the API's. */
@ServiceTest
class DashboardTest extends RunningService {

    static final List<String> MAIN_STEPS = List.of("SCANNED", "LEAD", "WECOM_ADDED", "FIRST_CONTACT", "ENGAGED", "CONVERTED");

    @Test
    void anAdminSeesTheApisFiguresInTheChartsAndTables() {
        String rep = api.newUser("rep", "REP");
        assertThat(api.put("/api/reps/" + rep, ADMIN, Map.of("team", "三组", "workStart", "09:00", "workEnd", "18:00"))
                .status()).isEqualTo(200);
        String code = Scenario.channelOf(api, rep);
        String planKey = "dash-" + rep.substring(rep.length() - 6);
        var plan = api.post("/api/sop/plans", ADMIN, Map.of("key", planKey, "name", "看板计划", "channels",
                List.of(db.queryForObject("select id from channel where code = ?", Long.class, code)), "steps", List.of(
                        Map.of("timing", "DAY_AT_WINDOW", "day", 1, "window", "NOON", "text", "试听课 https://example.edu/d"),
                        Map.of("timing", "AFTER_PREVIOUS", "after", "PT1H", "text", "第二步"))));
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        var customers = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            String customer = Scenario.lead(api, code, Leads.newPhone(), i == 0 ? null : Scenario.externalUserId());
            customers.add(customer);
            if (i == 2) {
                assertThat(Scenario.event(api, customer, "PURCHASED").status()).isEqualTo(202);
            }
        }
        // the plan's two steps go out through their windows, and one customer clicks
        api.advanceClock("P2D");
        assertThat(Scenario.event(api, customers.get(1), "LINK_CLICKED").status()).isEqualTo(202);
        var funnel = api.get("/api/reports/funnel", ADMIN).json();
        var steps = api.get("/api/reports/steps", ADMIN).json();
        var ourSteps = api.get("/api/reports/steps?plan=" + planKey, ADMIN).json();
        assertThat(ourSteps.get("rows")).as("both steps: the second one at least as moved by the cap").hasSize(2);
        var byChannel = api.get("/api/reports/funnel?by=CHANNEL", ADMIN).json();
        var sla = api.get("/api/reports/sla", ADMIN).json();

        try (var browser = Browser.launch("Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome", 1280, 2900)) {
            browser.open("http://localhost:" + port + "/login");
            browser.evalAndLoad("document.getElementById('username').value = 'admin';"
                    + "document.getElementById('password').value = '" + ADMIN_PASSWORD + "';"
                    + "document.querySelector('form').submit()");
            assertThat(browser.text("[...document.querySelectorAll('a')].map(a => a.textContent).join('|')"))
                    .as("the welcome page links the dashboard").contains("运营报表");
            browser.evalAndLoad("document.querySelector('a[href=\"/reports\"]').click()");
            browser.waitUntil("document.body.dataset.ready === 'true'");

            assertThat(browser.text("document.querySelector('h1').textContent")).isEqualTo("运营报表");
            var charted = browser.eval("echarts.getInstanceByDom(document.getElementById('chart-funnel')).getOption()"
                    + ".series[0].data.map(d => d.value)");
            assertThat(longs(charted)).isEqualTo(MAIN_STEPS.stream()
                    .map(step -> funnel.get("total").get("counts").get(step).asLong()).toList());
            var tabled = browser.eval("[...document.querySelectorAll('#funnel-figures tbody tr:first-child td')]"
                    + ".slice(1).map(td => Number(td.textContent))");
            var expected = new ArrayList<Long>();
            funnel.get("steps").forEach(step -> expected.add(funnel.get("total").get("counts").get(step.get("step").asText()).asLong()));
            assertThat(longs(tabled)).isEqualTo(expected);
            assertThat(browser.text("document.querySelector('#funnel-figures tbody tr:nth-child(2) td:nth-child(3)').textContent"))
                    .as("the lead rate, as the API gives it").isEqualTo(percent(funnel.get("total").get("rates").get("LEAD")));

            var trendLeads = browser.eval("echarts.getInstanceByDom(document.getElementById('chart-trend')).getOption()"
                    + ".series.find(s => s.name === '留资线索').data.reduce((a, b) => a + b, 0)");
            assertThat(trendLeads.asLong()).as("the days' leads add up to the range's").isEqualTo(
                    funnel.get("total").get("counts").get("LEAD").asLong());
            var channelNames = browser.eval("echarts.getInstanceByDom(document.getElementById('chart-channel')).getOption()"
                    + ".xAxis[0].data");
            var apiNames = new ArrayList<String>();
            byChannel.get("rows").forEach(row -> apiNames.add(row.get("label").asText()));
            assertThat(texts(channelNames)).isEqualTo(apiNames);
            var channelLeads = browser.eval("echarts.getInstanceByDom(document.getElementById('chart-channel')).getOption()"
                    + ".series[0].data");
            var apiLeads = new ArrayList<Long>();
            byChannel.get("rows").forEach(row -> apiLeads.add(row.get("counts").get("LEAD").asLong()));
            assertThat(longs(channelLeads)).isEqualTo(apiLeads);

            var slaRows = browser.eval("[...document.querySelectorAll('#sla-figures tbody tr')]"
                    + ".map(tr => [tr.cells[0].textContent, Number(tr.cells[1].textContent), Number(tr.cells[8].textContent)])");
            var apiSla = new ArrayList<List<Object>>();
            sla.get("rows").forEach(row -> apiSla.add(List.of(row.get("label").asText(),
                    row.get("firstContacts").get("done").asLong(), row.get("openTasks").get("total").asLong())));
            assertThat(slaRows.size()).isEqualTo(apiSla.size());
            for (int i = 0; i < apiSla.size(); i++) {
                assertThat(List.<Object>of(slaRows.get(i).get(0).asText(), slaRows.get(i).get(1).asLong(),
                        slaRows.get(i).get(2).asLong())).isEqualTo(apiSla.get(i));
            }
            var stepSent = browser.eval("echarts.getInstanceByDom(document.getElementById('chart-steps')).getOption()"
                    + ".series.find(s => s.name === '已发').data");
            var apiSent = new ArrayList<Long>();
            steps.get("rows").forEach(row -> apiSent.add(row.get("counts").get("sent").asLong()));
            assertThat(longs(stepSent)).isEqualTo(apiSent);
            assertThat(stepFigures(browser)).isEqualTo(stepFigures(steps));
            assertThat(browser.text("document.getElementById('csv-steps').getAttribute('href')"))
                    .isEqualTo("/api/reports/steps.csv?from=" + funnel.get("from").asText() + "&to="
                            + funnel.get("to").asText());
            assertThat(browser.text("document.getElementById('csv-channel').getAttribute('href')"))
                    .isEqualTo("/api/reports/funnel.csv?from=" + funnel.get("from").asText() + "&to="
                            + funnel.get("to").asText() + "&by=CHANNEL");
            browser.saveScreenshot("reports-dashboard");

            // a filter narrows every figure to the channel chosen
            browser.eval("(() => { const s = document.querySelector('select[name=channel]');"
                    + " s.value = [...s.options].find(o => o.textContent === '渠道" + rep.substring(rep.length() - 4)
                    + "').value; document.body.removeAttribute('data-ready');"
                    + " document.querySelector('#filters button').click(); return true; })()");
            browser.waitUntil("document.body.dataset.ready === 'true'");
            var narrowed = browser.eval("[...document.querySelectorAll('#funnel-figures tbody tr:first-child td')]"
                    + ".slice(1, 4).map(td => Number(td.textContent))");
            assertThat(longs(narrowed)).as("scans, leads, WeCom contacts of this channel").containsExactly(0L, 3L, 2L);
            browser.saveScreenshot("reports-dashboard-one-channel");

            // a plan narrows the step figures to its own steps
            browser.eval("(() => { document.querySelector('select[name=plan]').value = '" + planKey + "';"
                    + " document.body.removeAttribute('data-ready');"
                    + " document.querySelector('#filters button').click(); return true; })()");
            browser.waitUntil("document.body.dataset.ready === 'true'");
            assertThat(stepFigures(browser)).isEqualTo(stepFigures(ourSteps)).hasSize(3);
            browser.saveScreenshot("reports-dashboard-one-plan");
        }
    }

    /** The step table's rows as the page shows them: label, due, moved, sent, confirmed, delivered, responses. */
    private static List<List<String>> stepFigures(Browser browser) {
        var shown = browser.eval("[...document.querySelectorAll('#step-figures tbody tr')]"
                + ".map(tr => [...tr.cells].slice(0, 9).map(td => td.textContent))");
        var rows = new ArrayList<List<String>>();
        shown.forEach(row -> rows.add(texts(row)));
        return rows;
    }

    /** The same rows from the API: every step, then the total. */
    private static List<List<String>> stepFigures(JsonNode steps) {
        var rows = new ArrayList<List<String>>();
        var all = new ArrayList<JsonNode>();
        steps.get("rows").forEach(all::add);
        all.add(steps.get("total"));
        for (var row : all) {
            var c = row.get("counts");
            rows.add(List.of(row.get("label").asText(), c.get("due").asText(), c.get("shifted").asText(),
                    c.get("sent").asText(), c.get("confirmed").asText(), c.get("delivered").asText(),
                    c.get("clicked").asText(), c.get("replied").asText(), c.get("unsubscribed").asText()));
        }
        return rows;
    }

    private static String percent(JsonNode rate) {
        return rate.isNull() ? "—" : String.format("%.1f%%", rate.asDouble() * 100);
    }

    private static List<Long> longs(JsonNode array) {
        var values = new ArrayList<Long>();
        array.forEach(v -> values.add(v.asLong()));
        return values;
    }

    private static List<String> texts(JsonNode array) {
        var values = new ArrayList<String>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
