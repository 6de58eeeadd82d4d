package io.nurtureflow.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.core.variable.mapping.InputParameter;
import org.camunda.bpm.engine.impl.core.variable.mapping.IoMapping;
import org.camunda.bpm.engine.impl.core.variable.mapping.value.ParameterValueProvider;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static io.nurtureflow.process.ProcessVocabulary.FOLLOW_UP_DUE;
import static io.nurtureflow.process.ProcessVocabulary.FOLLOW_UP_KIND;
import static io.nurtureflow.process.ProcessVocabulary.FOLLOW_UP_REASON;
import static io.nurtureflow.process.ProcessVocabulary.FOLLOW_UP_WITHIN;

/**
 * The inputs of a follow-up task (kind, due, reason, how long it may take), evaluated when the task is created instead
 * of stored. They are read once, by {@link FollowUpTaskListener} writing the follow-up row; as the engine's input
 * mapping they were three variable rows per open task, kept for as long as the task stays open. The task's activity
 * stays a scope as parsed, so running instances keep matching their model.
 */
final class FollowUpInputs {

    private static final Set<String> NAMES = Set.of(FOLLOW_UP_KIND, FOLLOW_UP_DUE, FOLLOW_UP_REASON, FOLLOW_UP_WITHIN);
    private static final String PROPERTY = "nurtureflow.followUpInputs";

    private FollowUpInputs() {
    }

    /** Takes the follow-up inputs out of the activity's mapping (any other input stays a task variable). */
    static void takeFrom(ActivityImpl activity, IoMapping mapping) {
        var ours = new HashMap<String, ParameterValueProvider>();
        var others = new ArrayList<InputParameter>();
        for (InputParameter input : mapping.getInputParameters()) {
            if (NAMES.contains(input.getName())) {
                ours.put(input.getName(), input.getValueProvider());
            } else {
                others.add(input);
            }
        }
        mapping.setInputParameters(others);
        activity.setProperty(PROPERTY, ours);
    }

    /** The input's value for this task, or the variable of that name when the task has no such input. */
    static Object value(DelegateTask task, String name) {
        @SuppressWarnings("unchecked")
        var inputs = (Map<String, ParameterValueProvider>) ((ExecutionEntity) task.getExecution()).getActivity()
                .getProperty(PROPERTY);
        var input = inputs == null ? null : inputs.get(name);
        return input == null ? task.getVariable(name) : input.getValue(task);
    }
}
