package io.nurtureflow.process;

import io.nurtureflow.customer.CollisionDecision;
import io.nurtureflow.customer.CrmMatching;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.nurtureflow.process.ProcessVocabulary.COLLISION_DECISION;
import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;
import static io.nurtureflow.process.ProcessVocabulary.DECIDED_BY;
import static io.nurtureflow.process.ProcessVocabulary.LEAD_ID;
import static io.nurtureflow.process.ProcessVocabulary.OWNER_REP;

/** lead-intake's ownership paths: a collision a sales lead settled, a protection window that ended. */
@Configuration
class OwnershipDelegates {

    @Bean
    JavaDelegate settleCollisionDelegate(CrmMatching matching) {
        return execution -> execution.setVariable(OWNER_REP, matching.settleCollision(
                (Long) execution.getVariable(LEAD_ID), (String) execution.getVariable(CUSTOMER_ID),
                CollisionDecision.valueOf((String) execution.getVariable(COLLISION_DECISION)),
                (String) execution.getVariable(DECIDED_BY)));
    }

    @Bean
    JavaDelegate takeOverCustomerDelegate(CrmMatching matching) {
        return execution -> execution.setVariable(OWNER_REP, matching.takeOver(
                (Long) execution.getVariable(LEAD_ID), (String) execution.getVariable(CUSTOMER_ID)));
    }
}
