package io.nurtureflow.wecom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;

/**
 * App messages (应用消息) from the corp's self-built app to one member, as a text card with a link
 * (message/send, developer.work.weixin.qq.com/document/path/90236). They need the app's own token and agent id
 * ({@link WeComApp}): without those nothing is sent; with no corp id at all (the simulated channel) a message is
 * only logged.
 */
@Component
public class AppMessages {

    private static final Logger log = LoggerFactory.getLogger(AppMessages.class);
    /** 90236: with duplicate check on, the same content to the same user within this many seconds is sent once */
    private static final int DUPLICATE_CHECK_SECONDS = 1800;
    /** "invalid userid": what WeCom says of a recipient who is not a member (document 90313) */
    public static final int USER_NOT_FOUND = 81013;

    private final ObjectProvider<WeComApp> app;
    private final WeComSettings settings;

    AppMessages(ObjectProvider<WeComApp> app, WeComSettings settings) {
        this.app = app;
        this.settings = settings;
    }

    /**
     * Sends one card to one member (WeCom userid). WeCom errors the client does not retry itself come back as
     * {@link WeComException} with WeCom's errcode; transport failures and "system busy" after the client's own
     * attempts too, with errcode -1.
     */
    public Sent send(String userId, Card card) {
        var wecomApp = app.getIfAvailable();
        if (wecomApp == null) {
            if (settings.configured()) {
                return new Sent(Sent.Outcome.NOT_CONFIGURED, null);
            }
            log.info("WeCom app message to {} sent (simulated): {}", userId, card.title());
            return new Sent(Sent.Outcome.SIMULATED, null);
        }
        var textcard = new LinkedHashMap<String, Object>();
        textcard.put("title", card.title());
        textcard.put("description", card.description());
        textcard.put("url", card.url());
        textcard.put("btntxt", card.button());
        var body = new LinkedHashMap<String, Object>();
        body.put("touser", userId);
        body.put("msgtype", "textcard");
        body.put("agentid", wecomApp.agentId());
        body.put("textcard", textcard);
        // a resend after a lost answer (or a claim taken over from a dead node) reaches the member once
        body.put("enable_duplicate_check", 1);
        body.put("duplicate_check_interval", DUPLICATE_CHECK_SECONDS);
        var answer = wecomApp.post("/cgi-bin/message/send", body);
        // 90236: an answer without errcode can still name recipients it could not reach
        String invalid = answer.path("invaliduser").asText("");
        if (!invalid.isBlank()) {
            throw new WeComException(USER_NOT_FOUND, "message/send: invaliduser " + invalid);
        }
        return new Sent(Sent.Outcome.SENT, answer.path("msgid").asText(null));
    }

    /** A text card (90236): title up to 128 bytes, description up to 512, button text up to 4 characters. */
    public record Card(String title, String description, String url, String button) {
    }

    /** What became of a message: sent (with WeCom's msgid), only logged, or held for want of the app's settings. */
    public record Sent(Outcome outcome, String msgId) {

        public enum Outcome {
            SENT, SIMULATED, NOT_CONFIGURED
        }
    }
}
