package io.nurtureflow.wecom;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * WeCom's callback envelope (加解密方案): the signature is SHA-1 over the sorted token, timestamp, nonce and
 * ciphertext; the ciphertext is AES-256-CBC under Base64(EncodingAESKey + "="), IV = the key's first 16 bytes,
 * PKCS#7-padded to 32 bytes; the plaintext is 16 random bytes, a 4-byte big-endian length, the message and
 * the receive id. Anything that does not fit exactly is rejected, never half-read.
 */
final class CallbackCrypto {

    private static final int BLOCK = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] token;
    private final SecretKeySpec key;
    private final IvParameterSpec iv;
    private final String receiveId;

    CallbackCrypto(String token, String encodingAesKey, String receiveId) {
        if (encodingAesKey == null || encodingAesKey.length() != 43) {
            throw new IllegalArgumentException("nurture.wecom.encoding-aes-key must be WeCom's 43-character EncodingAESKey");
        }
        byte[] aesKey = Base64.getDecoder().decode(encodingAesKey + "=");
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.key = new SecretKeySpec(aesKey, "AES");
        this.iv = new IvParameterSpec(Arrays.copyOf(aesKey, 16));
        this.receiveId = receiveId;
    }

    /** Compared in constant time, so a forger learns nothing from how fast we say no. */
    boolean signatureMatches(String signature, String timestamp, String nonce, String encrypted) {
        if (signature == null || timestamp == null || nonce == null || encrypted == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(timestamp, nonce, encrypted).getBytes(StandardCharsets.US_ASCII),
                signature.toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }

    String sign(String timestamp, String nonce, String encrypted) {
        String[] parts = {new String(token, StandardCharsets.UTF_8), timestamp, nonce, encrypted};
        Arrays.sort(parts);
        try {
            var sha1 = MessageDigest.getInstance("SHA-1");
            for (String part : parts) {
                sha1.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha1.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /** Seals a message the way WeCom's servers do; the simulation plays WeCom with it. */
    String seal(String message) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        byte[] from = receiveId.getBytes(StandardCharsets.UTF_8);
        int length = 20 + body.length + from.length;
        int pad = BLOCK - length % BLOCK;
        var plain = ByteBuffer.allocate(length + pad);
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        plain.put(random).putInt(body.length).put(body).put(from);
        for (int i = 0; i < pad; i++) {
            plain.put((byte) pad);
        }
        try {
            var cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, iv);
            return Base64.getEncoder().encodeToString(cipher.doFinal(plain.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC is part of every JDK", e);
        }
    }

    /** The message inside the envelope; {@link Rejected} when it is not ours or not well-formed. */
    String decrypt(String encrypted) {
        byte[] plain;
        try {
            var cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, iv);
            plain = cipher.doFinal(Base64.getDecoder().decode(encrypted));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new Rejected("ciphertext does not decrypt: " + e.getClass().getSimpleName());
        }
        int pad = plain.length == 0 ? 0 : plain[plain.length - 1];
        if (pad < 1 || pad > BLOCK || pad > plain.length) {
            throw new Rejected("bad padding");
        }
        for (int i = plain.length - pad; i < plain.length; i++) {
            if (plain[i] != pad) {
                throw new Rejected("bad padding");
            }
        }
        int end = plain.length - pad;
        if (end < 20) {
            throw new Rejected("too short");
        }
        int length = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (length < 0 || 20 + length > end) {
            throw new Rejected("bad length");
        }
        String message = new String(plain, 20, length, StandardCharsets.UTF_8);
        String from = new String(plain, 20 + length, end - 20 - length, StandardCharsets.UTF_8);
        if (!from.equals(receiveId)) {
            throw new Rejected("receive id does not match");
        }
        return message;
    }

    static final class Rejected extends RuntimeException {
        Rejected(String why) {
            super(why);
        }
    }
}
