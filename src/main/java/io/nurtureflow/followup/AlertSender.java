package io.nurtureflow.followup;

import io.nurtureflow.system.Masking;
import io.nurtureflow.wecom.AppMessages;
import io.nurtureflow.wecom.WeComException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends the alert outbox: woken right after a commit wrote an alert (a rep hears of a new task within seconds), and
 * every minute as the safety net for a wake-up lost with its node. Each alert is claimed before its call, so two
 * senders never send the same one; a sender that died mid-call leaves a claim that goes stale and is taken over, and
 * WeCom's duplicate check (message/send, developer.work.weixin.qq.com/document/path/90236) keeps the member from
 * getting it twice. Transport failures and "system busy" (-1) are tried again later, with a growing pause; any other
 * errcode (81013: not a member) is final and kept for an admin, and never holds up anyone else's alerts.
 */
@Component
class AlertSender {

    private static final Logger log = LoggerFactory.getLogger(AlertSender.class);
    private static final int PAGE = 200;
    private static final int MAX_ATTEMPTS = 8;
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(30);
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(30);
    /** longer than the client's own attempts can take: a claim this old belongs to a sender that died */
    private static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(5);

    private final AlertMapper alerts;
    private final AppMessages messages;
    private final Clock clock;
    private final ExecutorService wakeUps = Executors.newSingleThreadExecutor(r -> {
        var thread = new Thread(r, "rep-alerts");
        thread.setDaemon(true);
        return thread;
    });
    /** one wake-up queued is enough: it sends everything due when it runs */
    private final AtomicBoolean queued = new AtomicBoolean();

    AlertSender(AlertMapper alerts, AppMessages messages, Clock clock) {
        this.alerts = alerts;
        this.messages = messages;
        this.clock = clock;
    }

    /** After a commit: send what is due on our own thread, not the committing request's or job's. */
    void soon() {
        if (queued.compareAndSet(false, true)) {
            wakeUps.execute(() -> {
                queued.set(false);
                try {
                    sendDue();
                } catch (RuntimeException e) {
                    log.warn("sending rep alerts failed, the minute poller tries again: {}", e.getMessage());
                }
            });
        }
    }

    /** Sends every alert due now; answers how many this call handled. */
    @Scheduled(fixedDelayString = "${nurture.alerts.poll-millis:60000}")
    public int sendDue() {
        Instant now = clock.instant();
        int handled = 0;
        for (var alert : alerts.due(now, now.minus(CLAIM_TIMEOUT), PAGE)) {
            if (alerts.claim(alert.id(), now, now.minus(CLAIM_TIMEOUT)) == 1) {
                send(alert, alert.attempts() + 1);
                handled++;
            }
        }
        return handled;
    }

    private void send(RepAlert alert, int attempt) {
        try {
            var sent = messages.send(alert.rep(), new AppMessages.Card(alert.title(), alert.description(), alert.url(),
                    "详情"));
            var state = switch (sent.outcome()) {
                case SENT -> RepAlert.State.SENT;
                case SIMULATED -> RepAlert.State.SIMULATED;
                case NOT_CONFIGURED -> RepAlert.State.HELD;
            };
            alerts.finish(alert.id(), state, sent.msgId(), null,
                    state == RepAlert.State.HELD ? "nurture.wecom.agent-id / agent-secret not set" : null, clock.instant());
        } catch (WeComException e) {
            String error = Masking.phonesIn(e.getMessage());
            error = error.length() > 500 ? error.substring(0, 500) : error;
            if (e.errcode() != -1 || attempt >= MAX_ATTEMPTS) {
                log.warn("WeCom alert {} to {} failed for good (errcode {}): {}", alert.id(), alert.rep(), e.errcode(),
                        error);
                alerts.finish(alert.id(), RepAlert.State.FAILED, null, e.errcode(), error, null);
            } else {
                alerts.retryAt(alert.id(), clock.instant().plus(pause(attempt)), e.errcode(), error);
            }
        }
    }

    /** 30 s, 1 min, 2 min, … up to half an hour. */
    static Duration pause(int attempt) {
        var pause = FIRST_PAUSE.multipliedBy(1L << Math.min(attempt - 1, 10));
        return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
    }

    @PreDestroy
    void stop() {
        wakeUps.shutdownNow();
    }
}
