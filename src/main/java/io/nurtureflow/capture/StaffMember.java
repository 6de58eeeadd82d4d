package io.nurtureflow.capture;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * One rep in a channel's pool. Backups take scanners only once every regular rep on duty is capped; a rep with
 * no hours is on duty around the clock.
 */
public record StaffMember(@NotBlank @Size(max = 64) String rep,
                          @Min(1) @Max(100) Integer weight,
                          @Min(1) @Max(100_000) Integer dailyCap,
                          boolean backup,
                          @Size(max = 50) List<Schedule.@Valid Hours> hours,
                          @Size(max = 50) List<Schedule.@Valid SpecialDates> specialDates) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public StaffMember(@JsonProperty("rep") String rep, @JsonProperty("weight") Integer weight,
                       @JsonProperty("dailyCap") Integer dailyCap, @JsonProperty("backup") boolean backup,
                       @JsonProperty("hours") List<Schedule.Hours> hours,
                       @JsonProperty("specialDates") List<Schedule.SpecialDates> specialDates) {
        this.rep = rep;
        this.weight = weight == null ? 1 : weight;
        this.dailyCap = dailyCap;
        this.backup = backup;
        this.hours = hours == null ? List.of() : hours;
        this.specialDates = specialDates == null ? List.of() : specialDates;
    }

    /** A plain username: weight 1, no cap, no schedule. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static StaffMember of(String rep) {
        return new StaffMember(rep, null, null, false, null, null);
    }
}
