package io.nurtureflow.capture;

import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.CurrentUser;
import io.nurtureflow.system.Forbidden;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A rep's side of the live codes: going offline and online (themselves, or an admin for them), and the avatar
 * and WeCom contact code an admin uploads for the landing page (raw PNG/JPEG request bodies).
 */
@RestController
@RequestMapping("/api/staff/{rep}")
class StaffController {

    private final StaffProfiles profiles;

    StaffController(StaffProfiles profiles) {
        this.profiles = profiles;
    }

    @PutMapping("/online")
    StaffMapper.Profile online(@PathVariable String rep, @RequestBody OnlineRequest request) {
        var me = CurrentUser.get();
        if (!me.admin() && !me.username().equals(rep)) {
            throw new Forbidden("Only an admin or the rep themselves may switch a rep online or offline.");
        }
        if (request.online() == null) {
            throw new BadInput("online", "online is required: true or false.");
        }
        return profiles.setOnline(rep, request.online());
    }

    @PutMapping(value = "/avatar", consumes = {"image/png", "image/jpeg"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void avatar(@PathVariable String rep, @RequestBody byte[] image) {
        requireAdmin();
        profiles.setAvatar(rep, image);
    }

    @PutMapping(value = "/contact-qr", consumes = {"image/png", "image/jpeg"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void contactQr(@PathVariable String rep, @RequestBody byte[] image) {
        requireAdmin();
        profiles.setContactQr(rep, image);
    }

    private static void requireAdmin() {
        if (!CurrentUser.get().admin()) {
            throw new Forbidden("Only an admin uploads staff pictures.");
        }
    }

    record OnlineRequest(Boolean online) {
    }
}
