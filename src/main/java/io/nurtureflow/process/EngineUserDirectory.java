package io.nurtureflow.process;

import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.Role;
import io.nurtureflow.system.UserDirectory;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Camunda's identity service is the one user store: the API, Cockpit, Tasklist and Admin share its users. */
@Component
class EngineUserDirectory implements UserDirectory {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    static final int MIN_PASSWORD = 10;
    /** the engine keeps it in ACT_ID_USER.FIRST_, a varchar(255) */
    private static final int MAX_DISPLAY_NAME = 255;
    /** ids in one IN list: the engine's query takes them all as bind parameters */
    private static final int NAMES_PER_QUERY = 500;

    private final IdentityService identity;
    private final AuthorizationService authorizations;

    EngineUserDirectory(IdentityService identity, AuthorizationService authorizations) {
        this.identity = identity;
        this.authorizations = authorizations;
    }

    /**
     * Every way a password is set (our API, Camunda Admin, /camunda/api/admin and /engine-rest credentials) keeps
     * the same rule; the engine checks it when the policy is enabled (IdentityBootstrap does that).
     */
    static final PasswordPolicy PASSWORDS = () -> List.of(new PasswordPolicyRule() {
        @Override
        public String getPlaceholder() {
            return "PASSWORD_POLICY_LENGTH";
        }

        @Override
        public Map<String, String> getParameters() {
            return Map.of("minLength", String.valueOf(MIN_PASSWORD));
        }

        @Override
        public boolean execute(String password) {
            return password != null && password.length() >= MIN_PASSWORD;
        }
    });

    @Override
    public Optional<Set<Role>> authenticate(String username, String password) {
        // the engine's lookup follows the database's collation: "ADMIN" must not pass for "admin" on MySQL
        if (username == null || password == null || !exists(username) || !identity.checkPassword(username, password)) {
            return Optional.empty();
        }
        var roles = EnumSet.noneOf(Role.class);
        identity.createGroupQuery().groupMember(username).list().stream()
                .map(Group::getId).map(Role::ofGroup).flatMap(Optional::stream).forEach(roles::add);
        return Optional.of(roles);
    }

    @Override
    public boolean exists(String username) {
        return user(username) != null;
    }

    @Override
    public String displayName(String username) {
        return nameOf(user(username), username);
    }

    @Override
    public Map<String, String> displayNames(Collection<String> usernames) {
        var names = new HashMap<String, String>();
        var ids = usernames.stream().filter(Objects::nonNull).distinct().toList();
        for (int from = 0; from < ids.size(); from += NAMES_PER_QUERY) {
            var chunk = ids.subList(from, Math.min(ids.size(), from + NAMES_PER_QUERY));
            identity.createUserQuery().userIdIn(chunk.toArray(String[]::new)).list().stream()
                    .filter(user -> chunk.contains(user.getId()))
                    .forEach(user -> names.put(user.getId(), nameOf(user, user.getId())));
        }
        ids.forEach(id -> names.putIfAbsent(id, id));
        return names;
    }

    private static String nameOf(User user, String username) {
        if (user == null || user.getFirstName() == null || user.getFirstName().isBlank()) {
            return username;
        }
        return user.getLastName() == null || user.getLastName().isBlank()
                ? user.getFirstName() : user.getFirstName() + " " + user.getLastName();
    }

    @Override
    public boolean isMember(String username, Role role) {
        return username != null && identity.createUserQuery().userId(username).memberOfGroup(role.group()).list()
                .stream().anyMatch(user -> user.getId().equals(username));
    }

    @Override
    public void create(NewUser request) {
        if (request.username() == null || !USERNAME.matcher(request.username()).matches()) {
            throw new BadInput("username", "username must be 2-64 lowercase letters, digits, '.', '_' or '-'.");
        }
        if (request.password() == null || request.password().length() < MIN_PASSWORD) {
            throw new BadInput("password", "password must have at least " + MIN_PASSWORD + " characters.");
        }
        if (request.displayName() != null && request.displayName().length() > MAX_DISPLAY_NAME) {
            throw new BadInput("displayName", "displayName may have at most " + MAX_DISPLAY_NAME + " characters.");
        }
        if (request.role() == null) {
            throw new BadInput("role", "role is required: " + List.of(Role.values()) + ".");
        }
        if (exists(request.username())) {
            throw new BadInput("username", "A user '" + request.username() + "' already exists.");
        }
        User user = identity.newUser(request.username());
        user.setFirstName(request.displayName() == null ? request.username() : request.displayName());
        user.setPassword(request.password());
        identity.saveUser(user);
        identity.createMembership(request.username(), request.role().group());
        if (request.role() == Role.ADMIN) {
            // Cockpit, Admin and Tasklist grant their rights to Camunda's admin group
            identity.createMembership(request.username(), Groups.CAMUNDA_ADMIN);
        }
        selfServiceReadOnly(request.username());
    }

    /**
     * The engine lets a new user edit their own user entry: through the webapps' API a rep could rename
     * themselves (the name leads see on landing pages). Who a user is, is an admin's to change.
     */
    void selfServiceReadOnly(String username) {
        for (Authorization own : authorizations.createAuthorizationQuery().userIdIn(username)
                .resourceType(Resources.USER).resourceId(username).list()) {
            if (own.isPermissionGranted(Permissions.UPDATE)) {
                own.setPermissions(new Permission[]{Permissions.READ});
                authorizations.saveAuthorization(own);
            }
        }
    }

    @Override
    public void revoke(String username, Role role) {
        identity.deleteMembership(username, role.group());
        if (role == Role.ADMIN) {
            identity.deleteMembership(username, Groups.CAMUNDA_ADMIN);
        }
    }

    @Override
    public List<String> membersOf(Role role) {
        return identity.createUserQuery().memberOfGroup(role.group()).orderByUserId().asc().list().stream()
                .map(User::getId).toList();
    }

    private User user(String username) {
        User user = username == null ? null : identity.createUserQuery().userId(username).singleResult();
        return user != null && user.getId().equals(username) ? user : null;
    }
}
