package io.nurtureflow.customer;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How long a rep's claim on a customer is protected from other reps (撞单), and how long a merge can be undone.
 * Both are business decisions, so they are configuration: NURTURE_CUSTOMER_PROTECTION_WINDOW=P45D.
 * {@code queueIntakes}: whether intakes of the same identities queue up on this node (the default); off, every
 * intake races in the database as intakes on different nodes do, which a test uses to prove the database alone
 * keeps one customer per person.
 */
@ConfigurationProperties("nurture.customer")
record CustomerSettings(Duration protectionWindow, Duration mergeUndoWithin, Boolean queueIntakes) {

    CustomerSettings {
        protectionWindow = protectionWindow == null ? Duration.ofDays(30) : protectionWindow;
        mergeUndoWithin = mergeUndoWithin == null ? Duration.ofDays(7) : mergeUndoWithin;
        queueIntakes = queueIntakes == null || queueIntakes;
    }
}
