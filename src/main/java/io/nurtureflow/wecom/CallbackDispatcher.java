package io.nurtureflow.wecom;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Hands each WeCom delivery to every listener once. WeCom retries a delivery it thinks failed; the receipt
 * (FromUserName + CreateTime + the message's digest) commits with the listeners' work, so a failed delivery
 * is taken again on retry and a successful one never twice.
 */
@Service
class CallbackDispatcher {

    private static final int ID_COLUMN = 64;
    private static final int PROBLEM_COLUMN = 300;

    private final CallbackReceiptMapper receipts;
    private final List<CallbackListener> listeners;
    private final Clock clock;

    CallbackDispatcher(CallbackReceiptMapper receipts, List<CallbackListener> listeners, Clock clock) {
        this.receipts = receipts;
        this.listeners = listeners;
        this.clock = clock;
    }

    @Transactional
    public boolean dispatch(CallbackEvent event, String digest) {
        String from = event.fromUserName() == null ? "" : event.fromUserName();
        long createTime = event.createTime().getEpochSecond();
        if (receipts.seen(from, createTime, digest)) {
            return false;
        }
        receipts.insert(from, createTime, digest, event.event(), event.changeType(), clock.instant(),
                CallbackReceipt.Outcome.HANDLED, null);
        listeners.forEach(listener -> listener.on(event));
        return true;
    }

    /**
     * Keeps a signed delivery nobody could use (its listeners' work was rolled back) for an admin to see; its
     * retries are then duplicates. Its fields are clipped to the receipt's columns: they are what was wrong.
     */
    @Transactional
    public void reject(Map<String, String> fields, String digest, String problem) {
        String from = clip(fields.getOrDefault("FromUserName", ""), ID_COLUMN);
        long createTime = seconds(fields.get("CreateTime"));
        if (!receipts.seen(from, createTime, digest)) {
            receipts.insert(from, createTime, digest, clip(fields.get("Event"), ID_COLUMN),
                    clip(fields.get("ChangeType"), ID_COLUMN), clock.instant(), CallbackReceipt.Outcome.REJECTED,
                    clip(problem, PROBLEM_COLUMN));
        }
    }

    public List<CallbackReceipt> rejected(int limit) {
        return receipts.withOutcome(CallbackReceipt.Outcome.REJECTED, limit);
    }

    private static long seconds(String createTime) {
        try {
            return createTime == null ? 0 : Long.parseLong(createTime);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String clip(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
