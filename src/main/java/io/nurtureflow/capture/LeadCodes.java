package io.nurtureflow.capture;

import io.nurtureflow.wecom.ContactWays;
import io.nurtureflow.wecom.WeComException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Each lead who fills in the form gets the routed rep's own 「联系我」 code (a contact way of one user, scene QR)
 * whose state names the lead, so WeCom's add callback says which lead added the rep. A lead keeps the code for
 * {@code nurture.capture.lead-code-valid-for}; then it is deleted from WeCom, which caps the contact ways a corp
 * makes through the API at 500,000 (developer.work.weixin.qq.com/document/path/92228).
 */
@Service
class LeadCodes {

    private static final Logger log = LoggerFactory.getLogger(LeadCodes.class);
    /** no channel code has a dot (they are letters, digits, '-' and '_'), and 5 + 20 characters fit WeCom's 30 */
    static final String PREFIX = "lead.";
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final int RANDOM_LENGTH = 20;
    private static final int RETIRE_BATCH = 100;

    private final LeadCodeMapper codes;
    private final ObjectProvider<ContactWays> contactWays;
    private final Duration validFor;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    LeadCodes(LeadCodeMapper codes, ObjectProvider<ContactWays> contactWays,
              @Value("${nurture.capture.lead-code-valid-for:P7D}") Duration validFor, Clock clock) {
        this.codes = codes;
        this.contactWays = contactWays;
        this.validFor = validFor;
        this.clock = clock;
    }

    /**
     * Makes the lead's code with their rep. Nothing without a rep; and if WeCom fails the lead is taken all the
     * same and the page falls back to what the rep uploaded: a code is a convenience, the lead is the point.
     */
    Optional<LeadCode> issue(long leadId, Channel channel, String rep) {
        if (rep == null) {
            return Optional.empty();
        }
        String state = newState();
        String configId = null;
        String qrCode = null;
        var wecom = contactWays.getIfAvailable();
        if (wecom != null) {
            try {
                var created = wecom.addForOne(state, rep);
                configId = created.configId();
                qrCode = created.qrCode();
            } catch (WeComException e) {
                log.warn("lead {}: no WeCom code for rep {} ({}): {}", leadId, rep, e.errcode(), e.getMessage());
                return Optional.empty();
            }
        }
        var now = clock.instant();
        var code = new LeadCode(state, leadId, channel.id(), rep, configId, qrCode, now, now.plus(validFor), null, null,
                null);
        codes.insert(code);
        return Optional.of(code);
    }

    Optional<LeadCode> find(String state) {
        return state == null || !state.startsWith(PREFIX) ? Optional.empty() : codes.find(state);
    }

    Optional<LeadCode> newestForPhone(String phone) {
        return codes.newestForPhone(phone);
    }

    /** Records the first add through the code; later adds (a second parent, a retried delivery) are kept as is. */
    void added(LeadCode code, String externalUserId) {
        codes.markAdded(code.state(), externalUserId, clock.instant());
    }

    /**
     * Deletes every expired code from WeCom, a page at a time (a big team makes thousands a day); one WeCom refuses
     * stays for the next round, and a page WeCom refuses entirely ends this one.
     */
    @Scheduled(fixedDelayString = "${nurture.capture.lead-code-retire-millis:3600000}")
    void retireExpired() {
        var wecom = contactWays.getIfAvailable();
        List<LeadCode> page;
        int retired;
        do {
            page = codes.expired(clock.instant(), RETIRE_BATCH);
            retired = 0;
            for (var code : page) {
                try {
                    if (code.wecomConfigId() != null && wecom != null) {
                        wecom.delete(code.wecomConfigId());
                    }
                    codes.retire(code.state(), clock.instant());
                    retired++;
                } catch (WeComException e) {
                    log.warn("lead code {} not deleted from WeCom yet ({}): {}", code.state(), e.errcode(),
                            e.getMessage());
                }
            }
        } while (page.size() == RETIRE_BATCH && retired == page.size());
    }

    private String newState() {
        var state = new StringBuilder(PREFIX);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            state.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return state.toString();
    }
}
