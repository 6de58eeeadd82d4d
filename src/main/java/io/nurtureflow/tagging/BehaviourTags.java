package io.nurtureflow.tagging;

import io.nurtureflow.events.BehaviourObserved;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Behaviour earns tags (clicked the pricing article → 看过价格, 高意向) by the rules in behaviour_tag_rule: an event
 * type, optionally a text its payload must contain, and the tag. Applied after the event is stored, in a
 * transaction of its own, so tagging can never cost the event; a repeated event adds nothing twice.
 */
@Component
class BehaviourTags {

    private static final Logger log = LoggerFactory.getLogger(BehaviourTags.class);

    private final TagMapper rules;
    private final Tags tags;
    private final TransactionTemplate ownTransaction;

    BehaviourTags(TagMapper rules, Tags tags, PlatformTransactionManager transactions) {
        this.rules = rules;
        this.tags = tags;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener
    void on(BehaviourObserved observed) {
        try {
            ownTransaction.executeWithoutResult(status -> {
                // the event record names the inbox row; its type and payload are read from there
                var event = rules.observedEvent(observed.inboxId());
                if (event == null) {
                    return;
                }
                var earned = rules.behaviourRules(event.type()).stream()
                        .filter(rule -> rule.payloadText() == null
                                || event.payload() != null && event.payload().contains(rule.payloadText()))
                        .map(TagMapper.BehaviourRule::tag).distinct().toList();
                if (!earned.isEmpty()) {
                    tags.add(observed.customerId(), earned, "BEHAVIOUR", event.type() + " event");
                }
            });
        } catch (RuntimeException e) {
            log.warn("behaviour tags for inbox event {} not applied: {}", observed.inboxId(), e.toString());
        }
    }
}
