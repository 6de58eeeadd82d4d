package io.nurtureflow.followup;

import java.time.Instant;

/**
 * One WeCom app message to a rep, as the outbox holds it: PENDING until a sender claims it (SENDING), then SENT,
 * SIMULATED (no WeCom at all), HELD (WeCom without the app's settings: recorded, never sent), FAILED (WeCom refused
 * it, with its errcode, or it kept failing) or EMPTY (a digest with nothing due).
 */
record RepAlert(Long id, String alertKey, String rep, AlertKind kind, String title, String description, String url,
                State state, int attempts, Instant createdAt, Instant nextAttemptAt, Instant claimedAt, Instant sentAt,
                String msgId, Integer errcode, String error) {

    enum State {
        PENDING, SENDING, SENT, SIMULATED, HELD, FAILED, EMPTY
    }

    static RepAlert pending(String key, String rep, AlertKind kind, String description, String url, Instant now) {
        return new RepAlert(null, key, rep, kind, kind.title(), RepAlerts.fit(description), url, State.PENDING, 0, now, now, null, null,
                null, null, null);
    }

    RepAlert empty() {
        return new RepAlert(id, alertKey, rep, kind, title, description, url, State.EMPTY, attempts, createdAt,
                nextAttemptAt, claimedAt, sentAt, msgId, errcode, error);
    }
}
