package io.nurtureflow.process;

import io.nurtureflow.sop.Pushes;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.nurtureflow.process.ProcessVocabulary.CONFIRM_WITHIN;
import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;
import static io.nurtureflow.process.ProcessVocabulary.LAST_STEP;
import static io.nurtureflow.process.ProcessVocabulary.OWNER_REP;
import static io.nurtureflow.process.ProcessVocabulary.PLAN_KEY;
import static io.nurtureflow.process.ProcessVocabulary.PLAN_VERSION;
import static io.nurtureflow.process.ProcessVocabulary.PUSH_STEP;

/** The rep-confirm path of a push: a reminder while the confirm task waits, a recorded skip when it expires. */
@Configuration
class SopPushDelegates {

    @Bean
    JavaDelegate remindRepDelegate(Pushes pushes) {
        return execution -> pushes.remind((String) execution.getVariable(CUSTOMER_ID),
                (String) execution.getVariable(PLAN_KEY), (Integer) execution.getVariable(PLAN_VERSION),
                (Integer) execution.getVariable(PUSH_STEP), (String) execution.getVariable(OWNER_REP));
    }

    @Bean
    JavaDelegate skipSopPushDelegate(Pushes pushes) {
        return execution -> {
            int step = (Integer) execution.getVariable(PUSH_STEP);
            pushes.skip((String) execution.getVariable(CUSTOMER_ID), (String) execution.getVariable(PLAN_KEY),
                    (Integer) execution.getVariable(PLAN_VERSION), step,
                    "the owner rep did not confirm within " + execution.getVariable(CONFIRM_WITHIN));
            execution.setVariable(LAST_STEP, step);
        };
    }
}
