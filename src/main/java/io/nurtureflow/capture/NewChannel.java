package io.nurtureflow.capture;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/**
 * What an admin sends to open (or change) a channel. The code is the WeCom `state` too, hence at most 30
 * characters. Staff may be given as plain usernames or with weight, daily cap, backup flag and schedule. {@code lifecycleFlow} names
 * the lifecycle flow (process key) its leads run, unless the tagging decision names one; none: lead-lifecycle.
 */
public record NewChannel(
        @NotBlank @Size(max = 100) String name,
        @Pattern(regexp = "[A-Za-z0-9_-]{1,30}", message = "must be 1-30 letters, digits, '-' or '_'") String code,
        Routing routing,
        @NotEmpty @Size(max = 100) List<@Valid StaffMember> staff,
        List<@NotBlank @Size(max = 64) String> tags,
        @Size(max = 1000) String welcomeText,
        @Valid Welcome.Link welcomeLink,
        @Size(max = 12) List<Welcome.@Valid Slot> welcomeSlots,
        Instant expiresAt,
        @Size(max = 255) String lifecycleFlow) {

    public List<String> tagsOrNone() {
        return tags == null ? List.of() : tags;
    }

    /** Blank is none: the lead-lifecycle default. */
    public String lifecycleFlowOrNone() {
        return lifecycleFlow == null || lifecycleFlow.isBlank() ? null : lifecycleFlow.strip();
    }

    public Routing routingOrDefault() {
        return routing == null ? Routing.ROUND_ROBIN : routing;
    }

    public List<Welcome.Slot> welcomeSlotsOrNone() {
        return welcomeSlots == null ? List.of() : welcomeSlots;
    }

    public enum Routing { ROUND_ROBIN, WEIGHTED }
}
