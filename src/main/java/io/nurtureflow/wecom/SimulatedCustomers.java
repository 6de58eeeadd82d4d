package io.nurtureflow.wecom;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Only in the simulation profile: plays a customer who adds a rep in WeCom. WeCom's servers then call our callback
 * URL, so this seals and signs the add_external_contact event exactly as they do and posts it to this service's own
 * /wecom/callback over HTTP: the add takes the same path as a real one, signature check included.
 */
@Component
@Profile("simulation")
public class SimulatedCustomers {

    private final CallbackCrypto crypto;
    private final Environment environment;
    private final Clock clock;
    private final HttpClient http = HttpClient.newHttpClient();
    private final SecureRandom random = new SecureRandom();

    SimulatedCustomers(@Value("${nurture.wecom.token:}") String token,
                       @Value("${nurture.wecom.encoding-aes-key:}") String encodingAesKey,
                       @Value("${nurture.wecom.receive-id:}") String receiveId, Environment environment, Clock clock) {
        this.crypto = token.isBlank() || encodingAesKey.isBlank() ? null
                : new CallbackCrypto(token, encodingAesKey, receiveId);
        this.environment = environment;
        this.clock = clock;
    }

    /** The customer adds the rep through the contact way with this state; answers the new external user id. */
    public String addsRep(String state, String rep) {
        if (crypto == null) {
            throw new IllegalStateException("the simulation needs nurture.wecom.token and encoding-aes-key");
        }
        String externalUserId = "wmSim" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
        long now = clock.instant().getEpochSecond();
        String message = "<xml><ToUserName><![CDATA[simulated]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
                + "<CreateTime>" + now + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[change_external_contact]]></Event>"
                + "<ChangeType><![CDATA[add_external_contact]]></ChangeType><UserID><![CDATA[" + rep + "]]></UserID>"
                + "<ExternalUserID><![CDATA[" + externalUserId + "]]></ExternalUserID><State><![CDATA[" + state
                + "]]></State><WelcomeCode><![CDATA[simulated]]></WelcomeCode></xml>";
        String sealed = crypto.seal(message);
        String timestamp = String.valueOf(now);
        String nonce = String.valueOf(random.nextInt(1_000_000_000));
        String url = "http://127.0.0.1:" + environment.getProperty("local.server.port") + "/wecom/callback"
                + "?msg_signature=" + crypto.sign(timestamp, nonce, sealed) + "&timestamp=" + timestamp + "&nonce=" + nonce;
        String envelope = "<xml><ToUserName><![CDATA[simulated]]></ToUserName><Encrypt><![CDATA[" + sealed
                + "]]></Encrypt></xml>";
        try {
            var answer = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/xml")
                    .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200 || !"success".equals(answer.body())) {
                throw new IllegalStateException("the callback answered " + answer.statusCode() + ": " + answer.body());
            }
            return externalUserId;
        } catch (IOException e) {
            throw new IllegalStateException("the callback could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
