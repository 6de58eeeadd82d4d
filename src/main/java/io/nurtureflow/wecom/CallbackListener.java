package io.nurtureflow.wecom;

/**
 * Features that react to WeCom callbacks implement this; the callback endpoint hands each deduplicated event
 * to every listener, on the request thread (WeCom wants an answer within 5 seconds).
 */
public interface CallbackListener {

    void on(CallbackEvent event);
}
