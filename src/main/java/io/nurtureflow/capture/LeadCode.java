package io.nurtureflow.capture;

import java.time.Instant;

/**
 * The routed rep's WeCom 「联系我」 code made for one lead who filled in the form. Its {@code state} comes back with
 * WeCom's add callback and tells whose add it was. Without WeCom credentials it is simulated: no config id, and
 * the picture is drawn here.
 */
record LeadCode(String state, long leadId, long channelId, String rep, String wecomConfigId, String qrCode,
                Instant createdAt, Instant expiresAt, String externalUserId, Instant addedAt, Instant retiredAt) {

    boolean usable(Instant now) {
        return retiredAt == null && now.isBefore(expiresAt);
    }
}
