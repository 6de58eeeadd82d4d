package io.nurtureflow.process;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.task.listener.DelegateExpressionTaskListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.core.variable.mapping.IoMapping;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

import static io.nurtureflow.process.ProcessVocabulary.FOLLOW_UP_KIND;

/**
 * Camunda 7 element templates cannot add task listeners, so a user task made from the "Create a follow-up task"
 * template (one with a followUpKind input) gets the follow-up mirroring here, unless its XML declares it already; and
 * its follow-up inputs are handed to that listener rather than stored as task variables ({@link FollowUpInputs}).
 */
@Component
class FollowUpTaskParseListener extends AbstractProcessEnginePlugin {

    private static final String LISTENER = "#{followUpTaskListener}";
    private static final String FOLLOW_UP_TASK = "nurtureflow.followUpTask";
    private static final List<String> EVENTS = List.of(TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_COMPLETE,
            TaskListener.EVENTNAME_DELETE);

    /** Looked up late: the listener's own dependencies need the engine this plugin helps to build. */
    private final ObjectProvider<FollowUpTaskListener> followUpTaskListener;

    FollowUpTaskParseListener(ObjectProvider<FollowUpTaskListener> followUpTaskListener) {
        this.followUpTaskListener = followUpTaskListener;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        var listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener>()
                : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (isFollowUp(userTaskElement) && activity.getActivityBehavior()
                        instanceof UserTaskActivityBehavior userTask) {
                    var definition = userTask.getTaskDefinition();
                    for (String event : EVENTS) {
                        var existing = definition.getTaskListenersForEvent(event);
                        boolean declared = existing != null && existing.stream().anyMatch(l ->
                                l instanceof DelegateExpressionTaskListener d && LISTENER.equals(d.getExpressionText()));
                        if (!declared) {
                            definition.addTaskListener(event, task -> followUpTaskListener.getObject().notify(task));
                        }
                    }
                    activity.setProperty(FOLLOW_UP_TASK, true);
                }
            }

            /** Called after parseUserTask, once the activity's mapping is parsed. */
            @Override
            public void parseIoMapping(Element extensionElements, ActivityImpl activity, IoMapping inputOutput) {
                if (Boolean.TRUE.equals(activity.getProperty(FOLLOW_UP_TASK))) {
                    FollowUpInputs.takeFrom(activity, inputOutput);
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    /** Read from the XML: the activity's input mapping is parsed only after the parse listeners ran. */
    private static boolean isFollowUp(Element userTask) {
        Element extensions = userTask.element("extensionElements");
        Element io = extensions == null ? null : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "inputOutput");
        return io != null && io.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "inputParameter").stream()
                .anyMatch(p -> FOLLOW_UP_KIND.equals(p.attribute("name")));
    }
}
