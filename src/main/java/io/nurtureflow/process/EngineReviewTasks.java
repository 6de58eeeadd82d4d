package io.nurtureflow.process;

import io.nurtureflow.customer.ReviewTasks;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

import static io.nurtureflow.process.ProcessVocabulary.CANDIDATE_ID;
import static io.nurtureflow.process.ProcessVocabulary.COLLISION_DECISION;
import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;
import static io.nurtureflow.process.ProcessVocabulary.DECIDED_BY;
import static io.nurtureflow.process.ProcessVocabulary.LEAD_ID;
import static io.nurtureflow.process.ProcessVocabulary.LEAD_INTAKE;
import static io.nurtureflow.process.ProcessVocabulary.REVIEW_DECISION;
import static io.nurtureflow.process.ProcessVocabulary.TASK_REVIEW_LIKENESS;
import static io.nurtureflow.process.ProcessVocabulary.TASK_SETTLE_COLLISION;

/** lead-intake's review and collision user tasks, read and completed through the engine's task service. */
@Component
class EngineReviewTasks implements ReviewTasks {

    private final TaskService tasks;
    private final RuntimeService runtime;

    EngineReviewTasks(TaskService tasks, RuntimeService runtime) {
        this.tasks = tasks;
        this.runtime = runtime;
    }

    @Override
    public List<OpenReview> open() {
        return query().orderByTaskCreateTime().asc().list().stream().map(this::review).toList();
    }

    @Override
    public Optional<OpenReview> find(String taskId) {
        return Optional.ofNullable(query().taskId(taskId).singleResult()).map(this::review);
    }

    @Override
    public void decide(String taskId, ReviewKind kind, String decision, String decidedBy) {
        tasks.complete(taskId, Variables.createVariables()
                .putValue(kind == ReviewKind.LIKENESS ? REVIEW_DECISION : COLLISION_DECISION, decision)
                .putValue(DECIDED_BY, decidedBy));
    }

    private org.camunda.bpm.engine.task.TaskQuery query() {
        return tasks.createTaskQuery().processDefinitionKey(LEAD_INTAKE)
                .taskDefinitionKeyIn(TASK_REVIEW_LIKENESS, TASK_SETTLE_COLLISION).active();
    }

    private OpenReview review(Task task) {
        boolean likeness = TASK_REVIEW_LIKENESS.equals(task.getTaskDefinitionKey());
        var variables = runtime.getVariables(task.getExecutionId(), List.of(LEAD_ID, CANDIDATE_ID, CUSTOMER_ID));
        return new OpenReview(task.getId(), likeness ? ReviewKind.LIKENESS : ReviewKind.COLLISION,
                (Long) variables.get(LEAD_ID), (String) variables.get(likeness ? CANDIDATE_ID : CUSTOMER_ID),
                task.getCreateTime().toInstant());
    }
}
