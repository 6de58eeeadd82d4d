package io.nurtureflow.support;

import org.assertj.core.api.AbstractAssert;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a process instance of {@link ProcessTestEngine} stands and where it has been, read through the engine's
 * public runtime and history API only, so the process tests run unchanged on Camunda and on Operaton (which has no
 * assertion library on Maven Central for its 1.0 line).
 */
public final class ProcessAssertions extends AbstractAssert<ProcessAssertions, ProcessInstance> {

    private ProcessAssertions(ProcessInstance instance) {
        super(instance, ProcessAssertions.class);
    }

    public static ProcessAssertions assertThat(ProcessInstance instance) {
        return new ProcessAssertions(instance);
    }

    /** Each activity holds a token now (an event-based gateway counts while it waits for its events). */
    public ProcessAssertions isWaitingAt(String... activityIds) {
        return each(activityIds, active(), true, "to wait at");
    }

    public ProcessAssertions isNotWaitingAt(String... activityIds) {
        return each(activityIds, active(), false, "not to wait at");
    }

    /** Each activity has been completed at least once. */
    public ProcessAssertions hasPassed(String... activityIds) {
        return each(activityIds, passed(), true, "to have passed");
    }

    public ProcessAssertions hasNotPassed(String... activityIds) {
        return each(activityIds, passed(), false, "not to have passed");
    }

    /** The activities were completed in this order (others may have come between them). */
    public ProcessAssertions hasPassedInOrder(String... activityIds) {
        var passed = passed();
        int from = 0;
        for (String id : activityIds) {
            int at = passed.subList(from, passed.size()).indexOf(id);
            if (at < 0) {
                failWithMessage("expected %s passed in this order, but the instance passed %s",
                        Arrays.toString(activityIds), passed);
            }
            from += at + 1;
        }
        return this;
    }

    public ProcessAssertions isEnded() {
        if (runtime().createProcessInstanceQuery().processInstanceId(actual.getId()).count() != 0) {
            failWithMessage("expected the instance to have ended, but it waits at %s", active());
        }
        return this;
    }

    public ProcessAssertions isActive() {
        if (runtime().createProcessInstanceQuery().processInstanceId(actual.getId()).active().count() != 1) {
            failWithMessage("expected the instance to be running, but it has ended or is suspended");
        }
        return this;
    }

    public static RuntimeService runtime() {
        return ProcessTestEngine.engine().getRuntimeService();
    }

    public static ManagementService management() {
        return ProcessTestEngine.engine().getManagementService();
    }

    public static TaskQuery taskQuery() {
        return ProcessTestEngine.engine().getTaskService().createTaskQuery();
    }

    /** The instance's one open task made from this user task. */
    public static Task task(ProcessInstance instance, String taskKey) {
        return taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(taskKey).singleResult();
    }

    public static List<String> candidateGroups(Task task) {
        return ProcessTestEngine.engine().getTaskService().getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList();
    }

    public static void complete(Task task) {
        complete(task, Map.of());
    }

    public static void complete(Task task, Map<String, Object> variables) {
        ProcessTestEngine.engine().getTaskService().complete(task.getId(), variables);
    }

    /** The instance's one job for this activity (a timer, or an asynchronous continuation). */
    public static Job job(String activityId, ProcessInstance instance) {
        return management().createJobQuery().processInstanceId(instance.getId()).activityId(activityId).singleResult();
    }

    public static void execute(Job job) {
        management().executeJob(job.getId());
    }

    /** Name, value, name, value, ... */
    public static Map<String, Object> withVariables(Object... namesAndValues) {
        var variables = new HashMap<String, Object>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            variables.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return variables;
    }

    private ProcessAssertions each(String[] activityIds, List<String> found, boolean expected, String what) {
        for (String id : activityIds) {
            if (found.contains(id) != expected) {
                failWithMessage("expected the instance %s %s; activities found: %s", what, id, found);
            }
        }
        return this;
    }

    private List<String> active() {
        return runtime().getActiveActivityIds(actual.getId());
    }

    /** Completed activities, first completed first; the engine's occurrence order breaks ties of one instant. */
    private List<String> passed() {
        return ProcessTestEngine.engine().getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(actual.getId()).finished()
                .orderByHistoricActivityInstanceEndTime().asc().orderPartiallyByOccurrence().asc().list().stream()
                .map(HistoricActivityInstance::getActivityId).toList();
    }
}
