package io.nurtureflow.wecom;

import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * WeCom's callback URL (回调URL): GET verifies the URL during setup, POST delivers encrypted events. Nothing
 * is stored or handed on unless the signature, the ciphertext and the receive id all check out. The receive
 * id is the corp id for a self-built app; a third-party suite sets {@code nurture.wecom.receive-id} instead.
 */
@RestController
class CallbackController {

    private static final Logger log = LoggerFactory.getLogger(CallbackController.class);

    private final CallbackCrypto crypto;
    private final CallbackDispatcher dispatcher;

    CallbackController(@Value("${nurture.wecom.token:}") String token,
                       @Value("${nurture.wecom.encoding-aes-key:}") String encodingAesKey,
                       @Value("${nurture.wecom.receive-id:${nurture.wecom.corp-id:}}") String receiveId,
                       CallbackDispatcher dispatcher) {
        this.crypto = token.isBlank() || encodingAesKey.isBlank() ? null
                : new CallbackCrypto(token, encodingAesKey, receiveId);
        this.dispatcher = dispatcher;
    }

    @GetMapping(value = "/wecom/callback", produces = MediaType.TEXT_PLAIN_VALUE)
    String verifyUrl(@RequestParam("msg_signature") String signature, @RequestParam String timestamp,
                     @RequestParam String nonce, @RequestParam String echostr) {
        return open(signature, timestamp, nonce, echostr, "echostr");
    }

    /** WeCom waits 5 seconds and retries otherwise: listeners do their work on this thread, quickly. */
    @PostMapping(value = "/wecom/callback", produces = MediaType.TEXT_PLAIN_VALUE)
    String receive(@RequestParam("msg_signature") String signature, @RequestParam String timestamp,
                   @RequestParam String nonce, @RequestBody String body) {
        String encrypted = CallbackXml.parse(body).get("Encrypt");
        if (encrypted == null || encrypted.isBlank()) {
            log.warn("WeCom callback rejected: no Encrypt element");
            throw new BadInput("Encrypt", "The callback body has no Encrypt element.");
        }
        String message = open(signature, timestamp, nonce, encrypted, "Encrypt");
        String digest = CallbackXml.digest(message);
        try {
            var event = CallbackXml.event(message);
            boolean handled = dispatcher.dispatch(event, digest);
            log.info("WeCom callback {}/{} from {} at {}: {}", event.event(), event.changeType(), event.fromUserName(),
                    event.createTime(), handled ? "handled" : "duplicate delivery, ignored");
        } catch (BadInput unusable) {
            // signed by WeCom but unusable: any answer but "success" makes WeCom send it again, for ever
            dispatcher.reject(CallbackXml.parse(message), digest, unusable.field() + ": " + unusable.getMessage());
            log.warn("WeCom callback kept as rejected ({}): {}", unusable.field(), unusable.getMessage());
        }
        return "success";
    }

    private String open(String signature, String timestamp, String nonce, String encrypted, String field) {
        if (crypto == null) {
            throw new NotFound("The WeCom callback is not configured (nurture.wecom.token, encoding-aes-key).");
        }
        if (!crypto.signatureMatches(signature, timestamp, nonce, encrypted)) {
            log.warn("WeCom callback rejected: signature does not match (timestamp {}, nonce {})", timestamp, nonce);
            throw new BadInput("msg_signature", "The signature does not match.");
        }
        try {
            return crypto.decrypt(encrypted);
        } catch (CallbackCrypto.Rejected e) {
            log.warn("WeCom callback rejected: {} (timestamp {}, nonce {})", e.getMessage(), timestamp, nonce);
            throw new BadInput(field, "The message cannot be opened: " + e.getMessage() + ".");
        }
    }
}
