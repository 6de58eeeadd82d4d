package io.nurtureflow.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Service;

import java.util.Arrays;

/**
 * Signs a user in to a browser session on the word of someone we trust to have checked who they are (WeCom's web
 * sign-in), with the same roles a password login gives. A user in none of our groups (a rep who left) is not.
 */
@Service
public class SessionSignIn {

    private final UserDirectory users;
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
    private final ChangeSessionIdAuthenticationStrategy fixation = new ChangeSessionIdAuthenticationStrategy();

    SessionSignIn(UserDirectory users) {
        this.users = users;
    }

    public boolean signIn(String username, HttpServletRequest request, HttpServletResponse response) {
        if (!users.exists(username)) {
            return false;
        }
        var authorities = Arrays.stream(Role.values()).filter(role -> users.isMember(username, role))
                .map(role -> new SimpleGrantedAuthority(role.authority())).toList();
        if (authorities.isEmpty()) {
            return false;
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(username, null, authorities);
        request.getSession(true);
        // a new session id, so a session planted before sign-in is worth nothing after it
        fixation.onAuthentication(authentication, request, response);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        sessions.saveContext(context, request, response);
        return true;
    }
}
