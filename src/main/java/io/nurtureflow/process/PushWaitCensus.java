package io.nurtureflow.process;

import io.nurtureflow.sop.WaitingLeads;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.nurtureflow.process.ProcessVocabulary.LEAD_LIFECYCLE;
import static io.nurtureflow.process.ProcessVocabulary.PLAN_KEY;
import static io.nurtureflow.process.ProcessVocabulary.PLAN_VERSION;
import static io.nurtureflow.process.ProcessVocabulary.PUSH_STEP;

/**
 * Counts the lifecycles waiting at the push timer (and at the confirm task) per plan version and step. Cockpit
 * shows one number on the timer; the step is in the instance's variables, read here a page at a time.
 */
@Component
class PushWaitCensus implements WaitingLeads {

    static final String PUSH_TIMER = "Timer_PushDue";
    static final String CONFIRM_TASK = "Task_ConfirmSopPush";
    private static final int PAGE = 500;

    private final RuntimeService runtime;

    PushWaitCensus(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public List<StepCount> atEachStep() {
        var counts = new ArrayList<StepCount>();
        counts.addAll(count(PUSH_TIMER, WaitingFor.DUE_TIME));
        counts.addAll(count(CONFIRM_TASK, WaitingFor.REP_CONFIRMATION));
        counts.sort(Comparator.comparing(StepCount::planKey).thenComparing(StepCount::planVersion)
                .thenComparing(StepCount::stepNo).thenComparing(StepCount::waitingFor));
        return counts;
    }

    private List<StepCount> count(String activityId, WaitingFor waitingFor) {
        var counts = new HashMap<StepKey, Long>();
        for (int first = 0; ; first += PAGE) {
            var page = runtime.createExecutionQuery().processDefinitionKey(LEAD_LIFECYCLE).activityId(activityId)
                    .orderByProcessInstanceId().asc().listPage(first, PAGE);
            var instances = page.stream().map(Execution::getProcessInstanceId).distinct().toArray(String[]::new);
            if (instances.length > 0) {
                var variables = new HashMap<String, Map<String, Object>>();
                for (VariableInstance v : runtime.createVariableInstanceQuery().processInstanceIdIn(instances)
                        .variableNameIn(PLAN_KEY, PLAN_VERSION, PUSH_STEP).list()) {
                    variables.computeIfAbsent(v.getProcessInstanceId(), id -> new HashMap<>()).put(v.getName(), v.getValue());
                }
                for (String instance : instances) {
                    var values = variables.getOrDefault(instance, Map.of());
                    counts.merge(new StepKey((String) values.get(PLAN_KEY), (Integer) values.get(PLAN_VERSION),
                            (Integer) values.get(PUSH_STEP)), 1L, Long::sum);
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        return counts.entrySet().stream().map(e -> new StepCount(e.getKey().planKey(), e.getKey().version(),
                e.getKey().step(), waitingFor, e.getValue())).toList();
    }

    private record StepKey(String planKey, int version, int step) {
    }
}
