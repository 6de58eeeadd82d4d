package io.nurtureflow.report;

import io.nurtureflow.system.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard page: its charts and tables read the report API in the browser, with the caller's own scope, and
 * its filters offer only what that scope holds.
 */
@Controller
class DashboardController {

    private final ReportFilters filters;

    DashboardController(ReportFilters filters) {
        this.filters = filters;
    }

    @GetMapping("/reports")
    String dashboard(Model model) {
        var choices = filters.of(CurrentUser.get());
        model.addAttribute("channels", choices.channels());
        model.addAttribute("teams", choices.teams());
        model.addAttribute("reps", choices.reps());
        model.addAttribute("plans", choices.plans());
        return "reports";
    }
}
