package io.nurtureflow.system;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is calling, read from the security context of the request. */
public record CurrentUser(String username, boolean admin, boolean salesLead) {

    public static CurrentUser get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            throw new Forbidden("Not logged in.");
        }
        var authorities = auth.getAuthorities().stream().map(Object::toString).toList();
        return new CurrentUser(auth.getName(), authorities.contains(Role.ADMIN.authority()),
                authorities.contains(Role.SALES_LEAD.authority()));
    }

    /** Admins and sales leads see every lead; a rep sees only the leads they own. */
    public boolean mayRead(String ownerRep) {
        return admin || salesLead || username.equals(ownerRep);
    }

    /** Full identities only for admins and the owner: a sales lead reviewing sees them masked. */
    public boolean maySeeIdentities(String ownerRep) {
        return admin || username.equals(ownerRep);
    }
}
