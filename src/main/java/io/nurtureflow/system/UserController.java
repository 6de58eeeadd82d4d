package io.nurtureflow.system;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Admins add reps, sales leads and integration accounts; they log in everywhere with the same password. */
@RestController
@RequestMapping("/api/users")
class UserController {

    private final UserDirectory users;

    UserController(UserDirectory users) {
        this.users = users;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UserView create(@RequestBody UserDirectory.NewUser request) {
        if (request.username() != null && users.exists(request.username())) {
            throw new Conflict("username", "A user '" + request.username() + "' already exists.");
        }
        users.create(request);
        return new UserView(request.username(), users.displayName(request.username()), request.role());
    }

    @GetMapping
    List<String> members(@RequestParam Role role) {
        return users.membersOf(role);
    }

    record UserView(String username, String displayName, Role role) {
    }
}
