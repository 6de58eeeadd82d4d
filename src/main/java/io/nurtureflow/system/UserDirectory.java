package io.nurtureflow.system;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The one user store (the engine's identity service); implemented where the engine lives. */
public interface UserDirectory {

    /** The user's roles when the password is right, empty otherwise. */
    Optional<Set<Role>> authenticate(String username, String password);

    boolean exists(String username);

    /** The name a lead sees for a rep; the username when none was set. */
    String displayName(String username);

    /** {@link #displayName} of many users in one read (a report's rows): username → name. */
    Map<String, String> displayNames(Collection<String> usernames);

    boolean isMember(String username, Role role);

    void create(NewUser user);

    /** The user no longer holds the role; nothing changes when they did not. */
    void revoke(String username, Role role);

    List<String> membersOf(Role role);

    record NewUser(String username, String displayName, String password, Role role) {
    }
}
