package io.nurtureflow.capture;

import java.time.Instant;

/** A channel and its live code. The code is also the WeCom contact way's `state`. */
public record Channel(long id, String code, String name, NewChannel.Routing routing, boolean enabled,
                      Instant expiresAt, String welcomeText, String welcomeLinkTitle, String welcomeLinkUrl,
                      String welcomeImageUrl, int logoVersion, String wecomConfigId, String wecomUsers,
                      Instant createdAt, String lifecycleFlow) {

    /** Scans of a disabled or expired code show a "gone" page and create no lead. */
    public boolean live(Instant now) {
        return enabled && (expiresAt == null || now.isBefore(expiresAt));
    }

    Welcome defaultWelcome() {
        return new Welcome(welcomeText, welcomeLinkUrl == null ? null
                : new Welcome.Link(welcomeLinkTitle, welcomeLinkUrl, welcomeImageUrl));
    }
}
