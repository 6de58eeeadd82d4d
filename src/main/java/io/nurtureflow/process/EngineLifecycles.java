package io.nurtureflow.process;

import io.nurtureflow.customer.Lifecycles;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;

/** Customer merges and their undo reach into the customers' lifecycle instances through here. */
@Component
class EngineLifecycles implements Lifecycles {

    private final RuntimeService runtime;
    private final LifecycleStarter starter;

    EngineLifecycles(RuntimeService runtime, LifecycleStarter starter) {
        this.runtime = runtime;
        this.starter = starter;
    }

    @Override
    public boolean running(String instanceId) {
        return runtime.createProcessInstanceQuery().processInstanceId(instanceId).count() > 0;
    }

    @Override
    public void end(String instanceId, String reason) {
        // custom listeners run, so the open rep tasks of that lifecycle are closed in the follow-up view too
        runtime.deleteProcessInstance(instanceId, reason, false, true);
    }

    /**
     * The engine's public API cannot change a business key, so the adopted instance keeps the id it started under
     * (Cockpit shows it); everything that matters follows the customerId variable and the customer row's instance id.
     */
    @Override
    public void adopt(String instanceId, String customerId) {
        runtime.setVariable(instanceId, CUSTOMER_ID, customerId);
    }

    @Override
    public void start(String customerId) {
        starter.start(customerId);
    }
}
