package io.nurtureflow.capture;

import io.nurtureflow.customer.PrivacyNotice;
import io.nurtureflow.customer.PrivacyNotices;
import io.nurtureflow.system.NotFound;
import io.nurtureflow.system.TimeConfig;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The privacy notice as the lead reads it from the landing form. Under /q/privacy/… with a second segment, so no
 * live code can be shadowed by it (codes answer at /q/{code}).
 */
@Controller
class PrivacyPage {

    private final PrivacyNotices notices;
    private final TimeConfig time;

    PrivacyPage(PrivacyNotices notices, TimeConfig time) {
        this.notices = notices;
        this.time = time;
    }

    @GetMapping("/q/privacy/current")
    String current(Model model) {
        return show(notices.current(), model);
    }

    @GetMapping("/q/privacy/{version}")
    String version(@PathVariable String version, HttpServletResponse response, Model model) {
        try {
            return show(notices.get(Integer.parseInt(version)), model);
        } catch (NumberFormatException | NotFound e) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "privacy";
        }
    }

    private String show(PrivacyNotice notice, Model model) {
        model.addAttribute("notice", notice);
        model.addAttribute("updatedOn", notice.createdAt().atZone(time.timeZone()).toLocalDate());
        return "privacy";
    }
}
