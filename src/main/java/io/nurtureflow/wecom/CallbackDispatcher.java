package io.nurtureflow.wecom;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;

/**
 * Hands each WeCom delivery to every listener once. WeCom retries a delivery it thinks failed; the receipt
 * (FromUserName + CreateTime + the message's digest) commits with the listeners' work, so a failed delivery
 * is taken again on retry and a successful one never twice.
 */
@Service
class CallbackDispatcher {

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
        receipts.insert(from, createTime, digest, event.event(), event.changeType(), clock.instant());
        listeners.forEach(listener -> listener.on(event));
        return true;
    }
}
