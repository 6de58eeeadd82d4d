package io.nurtureflow.capture;

import io.nurtureflow.customer.CapturedLead;
import io.nurtureflow.customer.LeadIntake;
import io.nurtureflow.system.BadInput;
import io.nurtureflow.wecom.CallbackEvent;
import io.nurtureflow.wecom.CallbackListener;
import io.nurtureflow.wecom.ContactWays;
import io.nurtureflow.wecom.WeComException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * A customer added a rep through a channel's contact way: WeCom's add_external_contact callback carries the
 * channel code as State. The welcome goes out first and right here, on the callback's thread, because its
 * welcome_code dies 20 seconds after the add; then the add becomes a captured lead with the external user id
 * and the rep WeCom picked.
 */
@Component
class ContactWayIntake implements CallbackListener {

    private static final Logger log = LoggerFactory.getLogger(ContactWayIntake.class);

    private final Channels channels;
    private final StaffRotation rotation;
    private final ContactWaySync sync;
    private final LeadIntake intake;
    private final ObjectProvider<ContactWays> contactWays;
    private final Clock clock;

    ContactWayIntake(Channels channels, StaffRotation rotation, ContactWaySync sync, LeadIntake intake,
                     ObjectProvider<ContactWays> contactWays, Clock clock) {
        this.channels = channels;
        this.rotation = rotation;
        this.sync = sync;
        this.intake = intake;
        this.contactWays = contactWays;
        this.clock = clock;
    }

    @Override
    public void on(CallbackEvent event) {
        if (!"change_external_contact".equals(event.event()) || !"add_external_contact".equals(event.changeType())
                || event.state() == null) {
            return;
        }
        if (event.externalUserId() == null) {
            // every add without one would otherwise be the same customer
            throw new BadInput("ExternalUserID", "An add_external_contact without ExternalUserID names nobody.");
        }
        var channel = channels.byCode(event.state()).orElse(null);
        if (channel == null || !channel.live(clock.instant())) {
            log.info("add through unknown or closed code '{}' ignored", event.state());
            return;
        }
        welcome(channel, event.welcomeCode());
        // WeCom's UserID is taken to be our username; one we do not employ owns nothing, a sales lead picks the owner
        String rep = event.userId() != null && rotation.employed(event.userId()) ? event.userId() : null;
        intake.capture(new CapturedLead(channel.id(), null, "WECOM_CONTACT_WAY", null, null, null,
                event.externalUserId(), rep));
        if (rep != null) {
            rotation.countAdd(channel, rep);
        }
        sync.sync(channels.get(channel.id()));
    }

    private void welcome(Channel channel, String welcomeCode) {
        var wecom = contactWays.getIfAvailable();
        if (wecom == null || welcomeCode == null) {
            return;
        }
        var welcome = channels.welcome(channel);
        if ((welcome.text() == null || welcome.text().isBlank()) && welcome.link() == null) {
            return;
        }
        var link = welcome.link() == null ? null
                : new ContactWays.WelcomeLink(welcome.link().title(), welcome.link().url(), welcome.link().imageUrl());
        try {
            wecom.sendWelcome(welcomeCode, welcome.text(), link);
        } catch (WeComException e) {
            // the lead matters more than its greeting: take it in anyway
            log.warn("channel {}: welcome not sent ({}): {}", channel.id(), e.errcode(), e.getMessage());
        }
    }
}
