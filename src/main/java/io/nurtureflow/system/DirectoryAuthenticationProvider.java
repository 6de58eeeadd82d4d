package io.nurtureflow.system;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

@Component
class DirectoryAuthenticationProvider implements AuthenticationProvider {

    private final UserDirectory users;

    DirectoryAuthenticationProvider(UserDirectory users) {
        this.users = users;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        // a user in none of our groups, such as a rep who left, keeps a valid password but may not log in
        var roles = users.authenticate(username, password).filter(held -> !held.isEmpty())
                .orElseThrow(() -> new BadCredentialsException("Bad credentials"));
        var authorities = roles.stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
        return UsernamePasswordAuthenticationToken.authenticated(username, null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
