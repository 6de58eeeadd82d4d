package io.nurtureflow.capture;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalTime;

/** The welcome a new contact gets: text, optionally a link card with a picture (WeCom's welcome "link"). */
public record Welcome(String text, Link link) {

    public record Link(@NotBlank @Size(max = 100) String title,
                       @NotBlank @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String url,
                       @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String imageUrl) {
    }

    /** A welcome for a time of day (local time), e.g. a different text after office hours. */
    public record Slot(@NotNull LocalTime from, @NotNull LocalTime to, @NotBlank @Size(max = 1000) String text,
                       @Valid Link link) {
    }

    /** Stored slot with minutes of the day, end exclusive. */
    record StoredSlot(int startMinute, int endMinute, String welcomeText, String linkTitle, String linkUrl,
                      String imageUrl) {

        boolean contains(int minute) {
            return minute >= startMinute && minute < endMinute;
        }

        Welcome welcome() {
            return new Welcome(welcomeText, linkUrl == null ? null : new Link(linkTitle, linkUrl, imageUrl));
        }
    }
}
