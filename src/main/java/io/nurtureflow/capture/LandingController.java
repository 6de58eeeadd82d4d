package io.nurtureflow.capture;

import io.nurtureflow.customer.CapturedLead;
import io.nurtureflow.customer.Consent;
import io.nurtureflow.customer.LeadIntake;
import io.nurtureflow.customer.PhoneNumbers;
import io.nurtureflow.customer.PrivacyNotices;
import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.UserDirectory;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** The lead's side of a live code: the page a scan opens and the form on it. Public, so everything is escaped. */
@Controller
class LandingController {

    static final String VISITOR_COOKIE = "nf_visitor";
    private static final Pattern VISITOR = Pattern.compile("[0-9a-f-]{36}");
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9_-]{1,30}");
    private static final int NAME_LENGTH = 50;
    private static final int PHONE_LENGTH = 32;
    private static final int LEAD_CODE_SIZE = 360;
    /** the consent checkbox's value: it is never ticked for the lead, so only a tick sends it */
    private static final String CONSENTED = "yes";
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,9}");

    private final Channels channels;
    private final Scans scans;
    private final StaffRotation rotation;
    private final StaffProfiles profiles;
    private final ScanLimiter limiter;
    private final LeadIntake intake;
    private final LeadCodes leadCodes;
    private final UserDirectory users;
    private final PrivacyNotices notices;
    private final Clock clock;
    /** generous: a class at an open day posts from one school address */
    private final int formsPerMinute;

    LandingController(Channels channels, Scans scans, StaffRotation rotation, StaffProfiles profiles,
                      ScanLimiter limiter, LeadIntake intake, LeadCodes leadCodes, UserDirectory users,
                      PrivacyNotices notices, Clock clock,
                      @Value("${nurture.capture.forms-per-minute-per-address:60}") int formsPerMinute) {
        this.formsPerMinute = formsPerMinute;
        this.channels = channels;
        this.scans = scans;
        this.rotation = rotation;
        this.profiles = profiles;
        this.limiter = limiter;
        this.intake = intake;
        this.leadCodes = leadCodes;
        this.users = users;
        this.notices = notices;
        this.clock = clock;
    }

    @GetMapping("/q/{code}")
    String scan(@PathVariable String code, @RequestParam(required = false) String ref,
                @CookieValue(name = VISITOR_COOKIE, required = false) String visitorCookie,
                HttpServletRequest request, HttpServletResponse response, Model model) {
        var channel = channels.byCode(code).orElse(null);
        String unavailable = unavailable(channel, response);
        if (unavailable != null) {
            return unavailable;
        }
        boolean returning = visitorCookie != null && VISITOR.matcher(visitorCookie).matches();
        String visitor = returning ? visitorCookie : newVisitor(response);
        var scan = scans.record(channel, request.getRemoteAddr(), request.getHeader("User-Agent"), visitor, returning,
                ref != null && REF.matcher(ref).matches() ? ref : null);
        fillLanding(model, channel, scan.id(), scan.assignedRep());
        return "landing";
    }

    /**
     * Link previews and crawlers ask with HEAD: they learn whether the code is live, and nothing is recorded,
     * routed or counted against a rep's daily cap.
     */
    @RequestMapping(value = "/q/{code}", method = RequestMethod.HEAD)
    ResponseEntity<Void> peek(@PathVariable String code) {
        var channel = channels.byCode(code).orElse(null);
        HttpStatus status = channel == null ? HttpStatus.NOT_FOUND
                : channel.live(clock.instant()) ? HttpStatus.OK : HttpStatus.GONE;
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).build();
    }

    @PostMapping("/q/{code}/lead")
    String lead(@PathVariable String code, @RequestParam(required = false) String scanId,
                @RequestParam(required = false) String name, @RequestParam(required = false) String phone,
                @RequestParam(required = false) String consent, @RequestParam(required = false) String noticeVersion,
                @CookieValue(name = VISITOR_COOKIE, required = false) String visitorCookie,
                HttpServletRequest request, HttpServletResponse response, Model model) {
        var channel = channels.byCode(code).orElse(null);
        String unavailable = unavailable(channel, response);
        if (unavailable != null) {
            return unavailable;
        }
        Long scan = parseScanId(scanId);
        String cleanName;
        String cleanPhone;
        Consent consented;
        try {
            cleanName = requireName(name);
            cleanPhone = requirePhone(phone);
            consented = requireConsent(consent, noticeVersion);
        } catch (BadInput e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            fillLanding(model, channel, scan, scans.find(scan, channel).map(Scans.Scan::assignedRep).orElse(null));
            model.addAttribute("errorField", e.field());
            model.addAttribute("error", message(e.field()));
            model.addAttribute("name", clip(name, NAME_LENGTH));
            model.addAttribute("phone", clip(phone, PHONE_LENGTH));
            // a tick given to a notice that is not on the page any more is not a tick for the one that is
            model.addAttribute("consented", CONSENTED.equals(consent) && !"noticeVersion".equals(e.field()));
            return "landing";
        }
        if (!limiter.allow("lead", channel.id(), scans.addressHash(request.getRemoteAddr()), formsPerMinute)) {
            response.setStatus(429);
            response.setHeader("Retry-After", "60");
            return "too-many";
        }
        String visitor = visitorCookie != null && VISITOR.matcher(visitorCookie).matches() ? visitorCookie : null;
        var scanned = scans.find(scan, channel);
        String rep = scanned.map(Scans.Scan::assignedRep)
                .or(() -> scans.sticky(channel, visitor))
                .or(() -> rotation.nextRep(channel))
                .orElse(null);
        var captured = intake.capture(new CapturedLead(channel.id(), scanned.map(Scans.Scan::id).orElse(null),
                "LANDING_FORM", cleanName, cleanPhone, null, null, rep), consented);
        model.addAttribute("channel", channel);
        model.addAttribute("repName", rep == null ? null : users.displayName(rep));
        model.addAttribute("leadCode", leadCodes.issue(captured.leadId(), channel, rep).map(LeadCode::state)
                .orElse(null));
        model.addAttribute("profile", profiles.profile(rep).orElse(null));
        model.addAttribute("rep", rep);
        return "thanks";
    }

    /**
     * The picture of a lead's own code: WeCom hosts it (the contact way's qr_code), so the phone is sent there;
     * a simulated code is drawn here and says what it stands for.
     */
    @GetMapping("/q/lead-codes/{state}.png")
    ResponseEntity<byte[]> leadCode(@PathVariable String state) {
        var code = leadCodes.find(state).orElse(null);
        if (code == null) {
            return ResponseEntity.notFound().build();
        }
        if (!code.usable(clock.instant())) {
            return ResponseEntity.status(HttpStatus.GONE).build();
        }
        if (code.qrCode() != null) {
            return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(code.qrCode())).build();
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore())
                .body(QrCodes.png("WECOM-CONTACT-WAY (SIMULATED) rep=" + code.rep() + " state=" + code.state(),
                        QrCodes.Style.of(LEAD_CODE_SIZE, "M", 2, null)));
    }

    @GetMapping("/q/staff/{rep}/avatar")
    ResponseEntity<byte[]> avatar(@PathVariable String rep) {
        return picture(profiles.avatar(rep));
    }

    @GetMapping("/q/staff/{rep}/contact-qr")
    ResponseEntity<byte[]> contactQr(@PathVariable String rep) {
        return picture(profiles.contactQr(rep));
    }

    private static ResponseEntity<byte[]> picture(Optional<StaffMapper.Picture> picture) {
        return picture.map(p -> ResponseEntity.ok().contentType(MediaType.parseMediaType(p.type()))
                        .cacheControl(CacheControl.maxAge(10, TimeUnit.MINUTES))
                        .eTag(Long.toHexString(p.updatedAt().toEpochMilli()))
                        .body(p.image()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** The page to show instead of the landing page, or null when the code is live. */
    private String unavailable(Channel channel, HttpServletResponse response) {
        if (channel == null) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "code-not-found";
        }
        if (!channel.live(clock.instant())) {
            response.setStatus(HttpServletResponse.SC_GONE);
            return "code-gone";
        }
        return null;
    }

    /** A first-party cookie that keeps a returning scanner with the same rep; nothing else is in it. */
    private static String newVisitor(HttpServletResponse response) {
        String visitor = UUID.randomUUID().toString();
        var fresh = new Cookie(VISITOR_COOKIE, visitor);
        fresh.setPath("/q");
        fresh.setHttpOnly(true);
        fresh.setMaxAge((int) Duration.ofDays(365).toSeconds());
        fresh.setAttribute("SameSite", "Lax");
        response.addCookie(fresh);
        return visitor;
    }

    private void fillLanding(Model model, Channel channel, Long scanId, String rep) {
        model.addAttribute("channel", channel);
        model.addAttribute("welcome", channels.welcome(channel));
        model.addAttribute("scanId", scanId);
        model.addAttribute("rep", rep);
        model.addAttribute("repName", rep == null ? null : users.displayName(rep));
        model.addAttribute("profile", profiles.profile(rep).orElse(null));
        model.addAttribute("notice", notices.current());
    }

    private static Long parseScanId(String scanId) {
        if (scanId == null || scanId.isBlank() || scanId.length() > 19 || !scanId.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.valueOf(scanId);
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new BadInput("name", "name is required.");
        }
        if (name.strip().length() > NAME_LENGTH) {
            throw new BadInput("name", "name is longer than " + NAME_LENGTH + " characters.");
        }
        return name.strip();
    }

    private static String requirePhone(String phone) {
        if (phone != null && phone.length() > PHONE_LENGTH) {
            throw new BadInput("phone", "phone is too long.");
        }
        return PhoneNumbers.normalize(phone, "phone");
    }

    /**
     * The version posted is the one the page showed, which may be older than the current one when an admin edited
     * the notice meanwhile: the lead consented to what it read, so that is stored, if it exists at all.
     */
    private Consent requireConsent(String consent, String noticeVersion) {
        if (!CONSENTED.equals(consent)) {
            throw new BadInput("consent", "consent is required.");
        }
        Integer version = noticeVersion != null && VERSION.matcher(noticeVersion).matches()
                ? Integer.valueOf(noticeVersion) : null;
        return notices.consent(version, clock.instant(), "noticeVersion");
    }

    /** What the lead typed is shown back for correction, but never more than the field can hold. */
    private static String clip(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }

    private static String message(String field) {
        return switch (field) {
            case "name" -> "请填写您的称呼（最多 50 个字）。";
            case "phone" -> "请填写正确的手机号码。";
            case "consent" -> "请阅读并勾选“我已阅读并同意”后再提交。";
            case "noticeVersion" -> "个人信息处理规则已更新，请阅读后重新勾选同意。";
            default -> "请检查填写的内容。";
        };
    }
}
