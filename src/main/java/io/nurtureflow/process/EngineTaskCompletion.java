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
import java.util.List;

import static io.nurtureflow.process.ProcessVocabulary.CALL_BACK_AT;
import static io.nurtureflow.process.ProcessVocabulary.NOTE;
import static io.nurtureflow.process.ProcessVocabulary.OUTCOME;
import static io.nurtureflow.process.ProcessVocabulary.OWNER_REP;

@Component
class EngineTaskCompletion implements TaskEngine {

    private static final List<String> OUTCOME_FORM = List.of(OUTCOME, NOTE, CALL_BACK_AT);

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final AuthorizationService authorizations;

    EngineTaskCompletion(TaskService tasks, RuntimeService runtime, AuthorizationService authorizations) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.authorizations = authorizations;
    }

    /**
     * The same variables Tasklist's form submits, so both ways through the lifecycle's "Call back?" agree; but
     * transient: the gateway after the task, its listener and a call-back task's due time read them in this same
     * transaction, and stored they would be three rows on the lead for the rest of its lifecycle. A Tasklist form
     * stores them, and the engine refuses a transient value over a stored one, so stored ones are removed first.
     */
    @Override
    public void complete(String taskId, Outcome outcome, String note, Instant callBackAt) {
        tasks.removeVariables(taskId, OUTCOME_FORM);
        tasks.complete(taskId, Variables.createVariables()
                .putValueTyped(OUTCOME, Variables.stringValue(outcome.name(), true))
                .putValueTyped(NOTE, Variables.stringValue(note, true))
                .putValueTyped(CALL_BACK_AT,
                        Variables.dateValue(callBackAt == null ? null : Date.from(callBackAt), true)));
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
