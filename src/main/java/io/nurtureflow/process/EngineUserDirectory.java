package io.nurtureflow.process;

import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.Role;
import io.nurtureflow.system.UserDirectory;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Camunda's identity service is the one user store: the API, Cockpit, Tasklist and Admin share its users. */
@Component
class EngineUserDirectory implements UserDirectory {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    static final int MIN_PASSWORD = 10;

    private final IdentityService identity;

    EngineUserDirectory(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public Optional<Set<Role>> authenticate(String username, String password) {
        if (username == null || password == null || !identity.checkPassword(username, password)) {
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
        User user = user(username);
        if (user == null || user.getFirstName() == null || user.getFirstName().isBlank()) {
            return username;
        }
        return user.getLastName() == null || user.getLastName().isBlank()
                ? user.getFirstName() : user.getFirstName() + " " + user.getLastName();
    }

    @Override
    public boolean isMember(String username, Role role) {
        return username != null && identity.createUserQuery().userId(username).memberOfGroup(role.group()).count() > 0;
    }

    @Override
    public void create(NewUser request) {
        if (request.username() == null || !USERNAME.matcher(request.username()).matches()) {
            throw new BadInput("username", "username must be 2-64 lowercase letters, digits, '.', '_' or '-'.");
        }
        if (request.password() == null || request.password().length() < MIN_PASSWORD) {
            throw new BadInput("password", "password must have at least " + MIN_PASSWORD + " characters.");
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
    }

    @Override
    public void revoke(String username, Role role) {
        identity.deleteMembership(username, role.group());
    }

    @Override
    public List<String> membersOf(Role role) {
        return identity.createUserQuery().memberOfGroup(role.group()).orderByUserId().asc().list().stream()
                .map(User::getId).toList();
    }

    private User user(String username) {
        return username == null ? null : identity.createUserQuery().userId(username).singleResult();
    }
}
