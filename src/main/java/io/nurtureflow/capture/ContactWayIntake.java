package io.nurtureflow.capture;

import io.nurtureflow.customer.CapturedLead;
import io.nurtureflow.customer.Customers;
import io.nurtureflow.customer.LeadIntake;
import io.nurtureflow.customer.PhoneNumbers;
import io.nurtureflow.system.BadInput;
import io.nurtureflow.wecom.CallbackEvent;
import io.nurtureflow.wecom.CallbackListener;
import io.nurtureflow.wecom.ContactWays;
import io.nurtureflow.wecom.ExternalContacts;
import io.nurtureflow.wecom.WeComContact;
import io.nurtureflow.wecom.WeComException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;

/**
 * A customer added a rep through one of our codes: WeCom's add_external_contact callback carries the code's
 * State, a channel's code or the code made for one lead who filled in the form. The welcome goes out first and
 * right here, on the callback's thread, because its welcome_code dies 20 seconds after the add. An add through a
 * lead's code joins that lead's customer at once. Then WeCom's profile of the contact (name, unionid, the rep's
 * remark phone numbers; externalcontact/get) comes with the add into lead-intake, whose matching decides who it is.
 */
@Component
class ContactWayIntake implements CallbackListener {

    private static final Logger log = LoggerFactory.getLogger(ContactWayIntake.class);

    private final Channels channels;
    private final LeadCodes leadCodes;
    private final StaffRotation rotation;
    private final ContactWaySync sync;
    private final LeadIntake intake;
    private final Customers customers;
    private final ObjectProvider<ContactWays> contactWays;
    private final ObjectProvider<ExternalContacts> externalContacts;
    private final Clock clock;

    ContactWayIntake(Channels channels, LeadCodes leadCodes, StaffRotation rotation, ContactWaySync sync,
                     LeadIntake intake, Customers customers, ObjectProvider<ContactWays> contactWays,
                     ObjectProvider<ExternalContacts> externalContacts, Clock clock) {
        this.channels = channels;
        this.leadCodes = leadCodes;
        this.rotation = rotation;
        this.sync = sync;
        this.intake = intake;
        this.customers = customers;
        this.contactWays = contactWays;
        this.externalContacts = externalContacts;
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
        var leadCode = leadCodes.find(event.state());
        var channel = leadCode.map(code -> channels.get(code.channelId()))
                .or(() -> channels.byCode(event.state()).filter(found -> found.live(clock.instant())));
        if (channel.isEmpty()) {
            log.info("add through unknown or closed code '{}' ignored", event.state());
            return;
        }
        welcome(channel.get(), event.welcomeCode());
        // WeCom's UserID is taken to be our username; one we do not employ owns nothing, a sales lead picks the owner
        String rep = event.userId() != null && rotation.employed(event.userId()) ? event.userId() : null;
        leadCode.ifPresent(code -> link(code, event.externalUserId(), rep));
        var profile = profile(event.externalUserId());
        intake.capture(new CapturedLead(channel.get().id(), null,
                leadCode.isPresent() ? "WECOM_LEAD_CODE" : "WECOM_CONTACT_WAY",
                profile.map(WeComContact::name).orElse(null), profile.flatMap(p -> remarkPhone(p, event.userId()))
                        .orElse(null), profile.map(WeComContact::unionid).orElse(null), event.externalUserId(), rep));
        if (leadCode.isEmpty()) {
            // the form already counted the lead's rep; a channel add is the rep's first turn
            if (rep != null) {
                rotation.countAdd(channel.get(), rep);
            }
            sync.sync(channels.get(channel.get().id()));
        }
    }

    private void link(LeadCode code, String externalUserId, String rep) {
        leadCodes.added(code, externalUserId);
        if (customers.linkWeComContact(code.leadId(), externalUserId, rep == null ? code.rep() : rep).isEmpty()) {
            // still in review, or the contact is somebody else's: matching below decides like for any lead
            log.info("lead {}: WeCom contact left to matching", code.leadId());
        }
    }

    /** WeCom's profile of the contact; without WeCom, or if WeCom fails, the add is taken without it. */
    private Optional<WeComContact> profile(String externalUserId) {
        var wecom = externalContacts.getIfAvailable();
        if (wecom == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(wecom.get(externalUserId));
        } catch (WeComException e) {
            log.warn("profile of a new WeCom contact not read ({}): {}", e.errcode(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The first phone number the adding rep noted on the contact that reads as a phone number. */
    private static Optional<String> remarkPhone(WeComContact contact, String rep) {
        return PhoneNumbers.validOnly(contact.remarkMobilesOf(rep)).stream().findFirst();
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
