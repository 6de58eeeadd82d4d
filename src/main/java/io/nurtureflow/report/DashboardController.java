package io.nurtureflow.report;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.LinkedHashMap;

/** The dashboard page: its charts and tables read the report API in the browser, with the caller's own scope. */
@Controller
class DashboardController {

    private final ReportMapper reports;

    DashboardController(ReportMapper reports) {
        this.reports = reports;
    }

    @GetMapping("/reports")
    String dashboard(Model model) {
        model.addAttribute("channels", reports.channels());
        model.addAttribute("teams", reports.teams());
        // a plan's key with the name of its latest version
        var plans = new LinkedHashMap<String, String>();
        reports.plans().forEach(plan -> plans.put(plan.planKey(), plan.name() + "（" + plan.planKey() + "）"));
        model.addAttribute("plans", plans);
        return "reports";
    }
}
