package io.nurtureflow.customer;

import io.nurtureflow.system.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admins edit the privacy notice; integrations read which version their own forms show. */
@RestController
@RequestMapping("/api/privacy-notices")
class PrivacyNoticeController {

    private final PrivacyNotices notices;

    PrivacyNoticeController(PrivacyNotices notices) {
        this.notices = notices;
    }

    @GetMapping("/current")
    PrivacyNotice current() {
        return notices.current();
    }

    @GetMapping("/{version}")
    PrivacyNotice version(@PathVariable int version) {
        return notices.get(version);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    PrivacyNotice publish(@RequestBody NewNotice notice) {
        return notices.publish(notice.title(), notice.text(), CurrentUser.get().username());
    }

    record NewNotice(String title, String text) {
    }
}
