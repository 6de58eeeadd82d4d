package io.nurtureflow.process;

import io.nurtureflow.customer.Customers;
import io.nurtureflow.customer.OwnerChanged;
import io.nurtureflow.followup.FollowUps;
import io.nurtureflow.followup.TaskEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import static io.nurtureflow.process.ProcessVocabulary.OWNER_REP;

/** A customer's running lifecycle follows its new owner: later tasks and the open ones go to the new rep. */
@Component
class LifecycleOwnerFollower {

    private final Customers customers;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final FollowUps followUps;
    private final TaskEngine engine;

    LifecycleOwnerFollower(Customers customers, RuntimeService runtime, TaskService tasks, FollowUps followUps,
                           TaskEngine engine) {
        this.customers = customers;
        this.runtime = runtime;
        this.tasks = tasks;
        this.followUps = followUps;
        this.engine = engine;
    }

    @EventListener
    void on(OwnerChanged changed) {
        String instanceId = customers.get(changed.customerId()).lifecycleInstanceId();
        if (instanceId == null || runtime.createProcessInstanceQuery().processInstanceId(instanceId).count() == 0) {
            return;
        }
        runtime.setVariable(instanceId, OWNER_REP, changed.toRep());
        if (changed.fromRep() != null) {
            tasks.createTaskQuery().processInstanceId(instanceId).taskAssignee(changed.fromRep()).list()
                    .forEach(task -> {
                        engine.reassign(task.getId(), changed.toRep());
                        followUps.reassigned(task.getId(), changed.toRep());
                    });
        }
    }
}
