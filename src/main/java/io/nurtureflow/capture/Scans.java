package io.nurtureflow.capture;

import io.nurtureflow.customer.LeadFunnel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The scan log: every landing-page visit with its channel, the rep shown, a hashed address and the scanner's
 * visitor id (a first-party cookie), which keeps a returning scanner with the rep they saw first.
 */
@Service
class Scans {

    private static final int USER_AGENT_LENGTH = 300;

    private final ChannelMapper channels;
    private final StaffRotation rotation;
    private final ScanLimiter limiter;
    private final LeadFunnel funnel;
    private final Clock clock;
    /** keyed, because the IPv4 space is small enough to reverse a plain hash */
    private final SecretKeySpec addressKey;
    private final int scansPerMinute;

    Scans(ChannelMapper channels, StaffRotation rotation, ScanLimiter limiter, LeadFunnel funnel, Clock clock,
          @Value("${nurture.capture.address-key:}") String addressKey,
          @Value("${nurture.capture.scans-per-minute-per-address:30}") int scansPerMinute) {
        this.scansPerMinute = scansPerMinute;
        this.channels = channels;
        this.rotation = rotation;
        this.limiter = limiter;
        this.funnel = funnel;
        this.clock = clock;
        this.addressKey = new SecretKeySpec(addressKey.isBlank() ? randomKey() : addressKey.getBytes(StandardCharsets.UTF_8),
                "HmacSHA256");
    }

    /**
     * Logs the scan and picks its rep. A flooded address gets the rep without a log entry or a turn of the
     * rotation (the scan id is then empty, and the form still works).
     */
    @Transactional
    Scan record(Channel channel, String remoteAddress, String userAgent, String visitor, boolean returning, String ref) {
        String ipHash = addressHash(remoteAddress);
        Optional<String> sticky = returning ? sticky(channel, visitor) : Optional.empty();
        if (!limiter.allow("scan", channel.id(), ipHash, scansPerMinute)) {
            return new Scan(null, channel.id(), sticky.orElseGet(() -> peek(channel)));
        }
        var row = new ChannelMapper.ScanRow();
        row.channelId = channel.id();
        row.scannedAt = clock.instant();
        row.ipHash = ipHash;
        row.userAgent = userAgent == null ? null : userAgent.substring(0, Math.min(USER_AGENT_LENGTH, userAgent.length()));
        row.assignedRep = sticky.or(() -> rotation.nextRep(channel)).orElse(null);
        row.visitor = visitor;
        row.ref = ref;
        channels.insertScan(row);
        funnel.scanned(channel.id(), ref, row.assignedRep, row.scannedAt);
        return new Scan(row.id, channel.id(), row.assignedRep);
    }

    /** The scan a form refers to, if it really is a scan of that channel. */
    Optional<Scan> find(Long scanId, Channel channel) {
        if (scanId == null) {
            return Optional.empty();
        }
        return channels.findScan(scanId)
                .filter(row -> row.channelId == channel.id())
                .map(row -> new Scan(row.id, row.channelId, row.assignedRep));
    }

    /** The rep this visitor saw before on this channel, while that rep is still in the pool and employed. */
    Optional<String> sticky(Channel channel, String visitor) {
        if (visitor == null) {
            return Optional.empty();
        }
        return channels.lastRepOf(channel.id(), visitor)
                .filter(rep -> channels.staff(channel.id()).contains(rep))
                .filter(rotation::employed);
    }

    private String peek(Channel channel) {
        var available = rotation.availableNow(channel);
        return available.isEmpty() ? null : available.get(0);
    }

    String addressHash(String address) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(addressKey);
            return HexFormat.of().formatHex(mac.doFinal(String.valueOf(address).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Without a configured key, hashes are comparable only within one run: still enough for rate limits. */
    private static byte[] randomKey() {
        var key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    record Scan(Long id, long channelId, String assignedRep) {
    }
}
