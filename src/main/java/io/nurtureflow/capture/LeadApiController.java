package io.nurtureflow.capture;

import io.nurtureflow.customer.CapturedLead;
import io.nurtureflow.customer.Consent;
import io.nurtureflow.customer.IntakeResult;
import io.nurtureflow.customer.LeadIntake;
import io.nurtureflow.customer.PhoneNumbers;
import io.nurtureflow.customer.PrivacyNotices;
import io.nurtureflow.system.BadInput;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** Leads captured elsewhere (ads, events, partner sites) enter through the same intake as a scan. */
@RestController
class LeadApiController {

    private final Channels channels;
    private final StaffRotation rotation;
    private final LeadIntake intake;
    private final PrivacyNotices notices;
    private final Clock clock;

    LeadApiController(Channels channels, StaffRotation rotation, LeadIntake intake, PrivacyNotices notices, Clock clock) {
        this.channels = channels;
        this.rotation = rotation;
        this.intake = intake;
        this.notices = notices;
        this.clock = clock;
    }

    @PostMapping("/api/leads")
    @ResponseStatus(HttpStatus.CREATED)
    IntakeResult capture(@Valid @RequestBody LeadRequest request) {
        var channel = channels.byCode(request.channelCode())
                .orElseThrow(() -> new BadInput("channelCode", "No channel has the code '" + request.channelCode() + "'."));
        if (!channel.live(clock.instant())) {
            throw new ResponseStatusException(HttpStatus.GONE, "The code '" + channel.code() + "' is disabled or expired.");
        }
        String phone = request.phone() == null ? null : PhoneNumbers.normalize(request.phone(), "phone");
        if (phone == null && request.unionid() == null && request.externalUserId() == null && request.email() == null) {
            // before routing: a rejected lead must not use up a rep's turn or cap
            throw new BadInput("phone", "A lead needs a phone, a unionid, an external user id or an email.");
        }
        Consent consent = consent(request.consent());
        return intake.capture(new CapturedLead(channel.id(), null, "API", request.name(), phone, request.unionid(),
                request.externalUserId(), rotation.nextRep(channel).orElse(null), request.email(), request.answers()),
                consent);
    }

    /**
     * The consent the lead gave on the integration's own form to one of our notice versions; without one the lead
     * is stored with no recorded consent, as before.
     */
    private Consent consent(ConsentRequest consent) {
        if (consent == null) {
            return null;
        }
        Instant now = clock.instant();
        if (consent.at() != null && consent.at().isAfter(now)) {
            throw new BadInput("consent.at", "consent.at is in the future.");
        }
        return notices.consent(consent.noticeVersion(), consent.at() == null ? now : consent.at(), "consent.noticeVersion");
    }

    record LeadRequest(@NotBlank @Size(max = 30) String channelCode,
                       @Size(max = 50) String name,
                       @Size(max = 32) String phone,
                       @Size(max = 64) String unionid,
                       @Size(max = 64) String externalUserId,
                       @Size(max = 254) String email,
                       @Size(max = 20) Map<@NotBlank @Size(max = 40) String, @NotNull @Size(max = 100) String> answers,
                       ConsentRequest consent) {
    }

    /** {@code at} defaults to the moment the lead arrives here. */
    record ConsentRequest(Integer noticeVersion, Instant at) {
    }
}
