package io.nurtureflow.followup;

import io.nurtureflow.system.CurrentUser;
import io.nurtureflow.system.Forbidden;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** For admins: the WeCom alerts that did not reach their rep (WeCom's errcode says why), or any other state. */
@RestController
class AlertController {

    private static final int LIMIT = 200;

    private final AlertMapper alerts;

    AlertController(AlertMapper alerts) {
        this.alerts = alerts;
    }

    @GetMapping("/api/alerts")
    List<RepAlert> inState(@RequestParam(defaultValue = "FAILED") RepAlert.State state) {
        if (!CurrentUser.get().admin()) {
            throw new Forbidden("Only admins look at alerts.");
        }
        return alerts.inState(state, LIMIT);
    }
}
