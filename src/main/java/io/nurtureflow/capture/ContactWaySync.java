package io.nurtureflow.capture;

import io.nurtureflow.wecom.ContactWays;
import io.nurtureflow.wecom.WeComClient;
import io.nurtureflow.wecom.WeComException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;

/**
 * Keeps each channel's WeCom contact way in step with our routing. WeCom rotates adds itself, among the users
 * it is given; so the users it is given are the reps our routing would take now: online, on duty, employed,
 * under their cap (else the backups). Sync runs on every change and each minute for schedules and new days.
 */
@Service
class ContactWaySync {

    private static final Logger log = LoggerFactory.getLogger(ContactWaySync.class);

    private final ChannelMapper channels;
    private final StaffRotation rotation;
    private final ObjectProvider<ContactWays> contactWays;

    ContactWaySync(ChannelMapper channels, StaffRotation rotation, ObjectProvider<ContactWays> contactWays) {
        this.channels = channels;
        this.rotation = rotation;
        this.contactWays = contactWays;
    }

    /**
     * Creates or updates the channel's contact way; without WeCom credentials there is nothing to do. A WeCom
     * failure never fails the caller (a channel is saved, a lead is taken): the minute sync tries again.
     */
    void sync(Channel channel) {
        var wecom = contactWays.getIfAvailable();
        if (wecom == null || !channel.enabled()) {
            return;
        }
        try {
            apply(wecom, channel);
        } catch (WeComException e) {
            log.warn("channel {}: contact way not synced, retried within a minute: {} {}", channel.id(), e.errcode(),
                    e.getMessage());
        }
    }

    private void apply(ContactWays wecom, Channel channel) {
        List<String> users = rotation.availableNow(channel);
        if (users.isEmpty()) {
            // WeCom needs at least one user: the last list stays until somebody is available again
            log.info("channel {}: no rep available now, contact way left as it is", channel.id());
            return;
        }
        String joined = String.join(",", users);
        if (channel.wecomConfigId() == null) {
            var created = wecom.add(channel.code(), users);
            channels.setWeComContactWay(channel.id(), created.configId(), joined);
            channels.setWeComQrCode(channel.id(), created.qrCode());
        } else if (!joined.equals(channel.wecomUsers())) {
            wecom.update(channel.wecomConfigId(), channel.code(), users);
            channels.setWeComContactWay(channel.id(), channel.wecomConfigId(), joined);
        }
    }

    /**
     * The picture of the channel's contact way code as WeCom hosts it, to download and print; empty without WeCom
     * or before the first sync.
     */
    Optional<WeComClient.Download> picture(Channel channel) {
        var wecom = contactWays.getIfAvailable();
        if (wecom == null) {
            return Optional.empty();
        }
        return channels.weComQrCode(channel.id()).map(wecom::picture);
    }

    @Scheduled(fixedDelayString = "${nurture.capture.contact-way-sync-millis:60000}")
    void syncAll() {
        if (contactWays.getIfAvailable() == null) {
            return;
        }
        channels.enabledChannels().forEach(this::sync);
    }
}
