package io.nurtureflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;

@Component
class StartLifecycleDelegate implements JavaDelegate {

    private final LifecycleStarter starter;

    StartLifecycleDelegate(LifecycleStarter starter) {
        this.starter = starter;
    }

    @Override
    public void execute(DelegateExecution execution) {
        starter.start((String) execution.getVariable(CUSTOMER_ID));
    }
}
