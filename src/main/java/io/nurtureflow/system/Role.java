package io.nurtureflow.system;

import java.util.Arrays;
import java.util.Optional;

/** The groups of the one user store, and the Spring Security role each grants. */
public enum Role {
    ADMIN("nurture-admins"),
    SALES_LEAD("sales-leads"),
    REP("sales-reps"),
    INTEGRATION("integrations");

    private final String group;

    Role(String group) {
        this.group = group;
    }

    public String group() {
        return group;
    }

    public String authority() {
        return "ROLE_" + name();
    }

    public static Optional<Role> ofGroup(String group) {
        return Arrays.stream(values()).filter(r -> r.group.equals(group)).findFirst();
    }
}
