package io.nurtureflow.customer;

import org.springframework.dao.ConcurrencyFailureException;

/**
 * A lead that matched nobody found one of its identities taken by the time it would become a customer: another
 * intake of the same person got there first. A concurrency failure, so the intake is taken again and matches.
 */
class IdentityTaken extends ConcurrencyFailureException {

    IdentityTaken(String holder) {
        super("an identity of this lead joined customer " + holder + " after the lead was matched");
    }
}
