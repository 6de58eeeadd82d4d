package io.nurtureflow.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * Signatures for WeCom's JS-SDK on one of our pages (developer.work.weixin.qq.com/document/path/90506): wx.config
 * is signed with the corp's jsapi_ticket (cgi-bin/get_jsapi_ticket), wx.agentConfig — which the chat sidebar's
 * getCurExternalContact and sendChatMessage need — with the app's (cgi-bin/ticket/get?type=agent_config). Both
 * tickets live 7,200 s and WeCom limits how often they are fetched, so each is cached until shortly before it ends.
 * The signature is SHA-1 over {@code jsapi_ticket=…&noncestr=…&timestamp=…&url=…}, the URL without its fragment.
 */
@Component
@ConditionalOnExpression("'${nurture.wecom.corp-id:}' != '' && '${nurture.wecom.agent-secret:}' != ''"
        + " && '${nurture.wecom.agent-id:}' != ''")
public class JsSdk {

    private static final long EXPIRY_MARGIN_SECONDS = 300;

    private final WeComApp app;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private Ticket corpTicket;
    private Ticket appTicket;

    JsSdk(WeComApp app, Clock clock) {
        this.app = app;
        this.clock = clock;
    }

    /** What the page passes to wx.config and wx.agentConfig for this URL. */
    public Config configFor(String url) {
        String page = url.contains("#") ? url.substring(0, url.indexOf('#')) : url;
        long timestamp = clock.instant().getEpochSecond();
        String nonce = HexFormat.of().formatHex(nonceBytes());
        return new Config(app.corpId(), app.agentId(), timestamp, nonce,
                signature(corpTicket(), nonce, timestamp, page), signature(appTicket(), nonce, timestamp, page));
    }

    static String signature(String ticket, String nonce, long timestamp, String url) {
        String plain = "jsapi_ticket=" + ticket + "&noncestr=" + nonce + "&timestamp=" + timestamp + "&url=" + url;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(plain.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    private synchronized String corpTicket() {
        if (corpTicket == null || !clock.instant().isBefore(corpTicket.validUntil())) {
            corpTicket = ticket(app.get("/cgi-bin/get_jsapi_ticket", Map.of()));
        }
        return corpTicket.value();
    }

    private synchronized String appTicket() {
        if (appTicket == null || !clock.instant().isBefore(appTicket.validUntil())) {
            appTicket = ticket(app.get("/cgi-bin/ticket/get", Map.of("type", "agent_config")));
        }
        return appTicket.value();
    }

    private Ticket ticket(JsonNode answer) {
        return new Ticket(answer.path("ticket").asText(),
                clock.instant().plusSeconds(answer.path("expires_in").asLong(7200) - EXPIRY_MARGIN_SECONDS));
    }

    private byte[] nonceBytes() {
        byte[] nonce = new byte[8];
        random.nextBytes(nonce);
        return nonce;
    }

    private record Ticket(String value, Instant validUntil) {
    }

    /** wx.config takes corpId (as appId), timestamp, nonceStr, signature; wx.agentConfig agentId and its own signature. */
    public record Config(String corpId, int agentId, long timestamp, String nonceStr, String signature,
                         String agentSignature) {
    }
}
