package io.nurtureflow.process;

import io.nurtureflow.followup.Outcome;
import io.nurtureflow.followup.TaskEngine;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;

import static io.nurtureflow.process.ProcessVocabulary.CALL_BACK_AT;
import static io.nurtureflow.process.ProcessVocabulary.NOTE;
import static io.nurtureflow.process.ProcessVocabulary.OUTCOME;
import static io.nurtureflow.process.ProcessVocabulary.OWNER_REP;

@Component
class EngineTaskCompletion implements TaskEngine {

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final AuthorizationService authorizations;

    EngineTaskCompletion(TaskService tasks, RuntimeService runtime, AuthorizationService authorizations) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.authorizations = authorizations;
    }

    @Override
    public void complete(String taskId, Outcome outcome, String note, Instant callBackAt) {
        // the same variables Tasklist's form submits, so both ways through the lifecycle's "Call back?" agree
        tasks.complete(taskId, Variables.createVariables().putValue(OUTCOME, outcome.name()).putValue(NOTE, note)
                .putValue(CALL_BACK_AT, callBackAt == null ? null : Date.from(callBackAt)));
    }

    /** Every reassignment of a rep's task comes here, so the previous rep never keeps it in Tasklist. */
    @Override
    public void reassign(String taskId, String rep) {
        var task = tasks.createTaskQuery().taskId(taskId).singleResult();
        String previous = task == null ? null : task.getAssignee();
        tasks.setAssignee(taskId, rep);
        if (previous != null && !previous.equals(rep)) {
            // the engine grants the task to the new assignee but leaves the previous one's grant in place
            authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
                    .userIdIn(previous).resourceType(Resources.TASK).resourceId(taskId).list()
                    .forEach(grant -> authorizations.deleteAuthorization(grant.getId()));
        }
    }

    @Override
    public void changeOwner(String lifecycleInstanceId, String rep) {
        if (runtime.createProcessInstanceQuery().processInstanceId(lifecycleInstanceId).active().count() > 0) {
            runtime.setVariable(lifecycleInstanceId, OWNER_REP, rep);
        }
    }
}
