package io.nurtureflow.wecom;

import java.time.Instant;

/** One WeCom delivery as we answered it; a rejected one says what was wrong with it. */
public record CallbackReceipt(String fromUser, long createTime, String event, String changeType, Instant receivedAt,
                              Outcome outcome, String problem) {

    public enum Outcome { HANDLED, REJECTED }
}
