package io.nurtureflow.support;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Plays WeCom's side of the callback protocol, written from WeCom's published scheme (not from our code):
 * it seals a message the way WeCom's servers do and signs the delivery.
 */
public final class WeComStandIn {

    /** WeCom's published sample settings, which application-test.yaml configures. */
    public static final String TOKEN = "QDG6eK";
    public static final String ENCODING_AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    public static final String CORP_ID = "wx5823bf96d3bd56c7";

    private static final SecureRandom RANDOM = new SecureRandom();

    private WeComStandIn() {
    }

    public static String seal(String message, String receiveId) {
        try {
            byte[] key = Base64.getDecoder().decode(ENCODING_AES_KEY + "=");
            byte[] random = new byte[16];
            RANDOM.nextBytes(random);
            byte[] body = message.getBytes(StandardCharsets.UTF_8);
            var plain = new ByteArrayOutputStream();
            plain.write(random);
            plain.write(ByteBuffer.allocate(4).putInt(body.length).array());
            plain.write(body);
            plain.write(receiveId.getBytes(StandardCharsets.UTF_8));
            int pad = 32 - plain.size() % 32;
            for (int i = 0; i < pad; i++) {
                plain.write(pad);
            }
            var cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
            return Base64.getEncoder().encodeToString(cipher.doFinal(plain.toByteArray()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(String timestamp, String nonce, String encrypted) {
        try {
            String[] parts = {TOKEN, timestamp, nonce, encrypted};
            Arrays.sort(parts);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(String.join("", parts).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String envelope(String encrypted) {
        return "<xml><ToUserName><![CDATA[" + CORP_ID + "]]></ToUserName><Encrypt><![CDATA[" + encrypted
                + "]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>";
    }

    /** A change_external_contact event as WeCom sends it. */
    public static String contactChange(String changeType, String rep, String externalUserId, long createTime) {
        return contactEvent(changeType, rep, externalUserId, createTime, "");
    }

    /** add_external_contact through a contact way: its state, and the welcome code valid for 20 seconds. */
    public static String contactAdded(String rep, String externalUserId, String state, String welcomeCode,
                                      long createTime) {
        return contactEvent("add_external_contact", rep, externalUserId, createTime, "<State><![CDATA[" + state
                + "]]></State><WelcomeCode><![CDATA[" + welcomeCode + "]]></WelcomeCode>");
    }

    private static String contactEvent(String changeType, String rep, String externalUserId, long createTime,
                                       String more) {
        return "<xml><ToUserName><![CDATA[" + CORP_ID + "]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
                + "<CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[" + changeType
                + "]]></ChangeType><UserID><![CDATA[" + rep + "]]></UserID><ExternalUserID><![CDATA["
                + externalUserId + "]]></ExternalUserID>" + more + "</xml>";
    }
}
