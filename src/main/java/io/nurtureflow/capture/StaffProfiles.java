package io.nurtureflow.capture;

import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.NotFound;
import io.nurtureflow.system.UserDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Optional;

/** What a scanner sees of a rep (avatar, their own WeCom contact code) and the rep's online switch. */
@Service
class StaffProfiles {

    static final int PICTURE_BYTES = 1024 * 1024;

    private final StaffMapper profiles;
    private final UserDirectory users;
    private final Clock clock;

    StaffProfiles(StaffMapper profiles, UserDirectory users, Clock clock) {
        this.profiles = profiles;
        this.users = users;
        this.clock = clock;
    }

    @Transactional
    StaffMapper.Profile setOnline(String rep, boolean online) {
        requireRep(rep);
        profiles.ensure(rep, clock.instant());
        profiles.setOnline(rep, online, clock.instant());
        return profiles.find(rep).orElseThrow();
    }

    @Transactional
    void setAvatar(String rep, byte[] image) {
        setPicture(rep, image, "avatar", profiles::setAvatar);
    }

    @Transactional
    void setContactQr(String rep, byte[] image) {
        setPicture(rep, image, "contactQr", profiles::setContactQr);
    }

    private void setPicture(String rep, byte[] image, String field, PictureWriter writer) {
        requireRep(rep);
        requirePicture(image, field);
        profiles.ensure(rep, clock.instant());
        writer.write(rep, image, Images.mediaType(image), clock.instant());
    }

    private interface PictureWriter {
        void write(String rep, byte[] image, String type, java.time.Instant at);
    }

    Optional<StaffMapper.Profile> profile(String rep) {
        return rep == null ? Optional.empty() : profiles.find(rep);
    }

    Optional<StaffMapper.Picture> avatar(String rep) {
        return profiles.avatar(rep);
    }

    Optional<StaffMapper.Picture> contactQr(String rep) {
        return profiles.contactQr(rep);
    }

    private void requireRep(String rep) {
        if (!users.exists(rep)) {
            throw new NotFound("No user " + rep + ".");
        }
    }

    private static void requirePicture(byte[] image, String field) {
        if (image == null || image.length == 0 || image.length > PICTURE_BYTES) {
            throw new BadInput(field, "The picture must be a PNG or JPEG of at most " + PICTURE_BYTES / 1024 + " KB.");
        }
        Images.requireImage(image, field);
    }
}
