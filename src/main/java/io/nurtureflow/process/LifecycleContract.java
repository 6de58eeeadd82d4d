package io.nurtureflow.process;

import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.nurtureflow.process.ProcessVocabulary.LIFECYCLE_KEY_SUFFIX;
import static io.nurtureflow.process.ProcessVocabulary.MSG_CUSTOMER_LEFT;
import static io.nurtureflow.process.ProcessVocabulary.MSG_ENGAGED;
import static io.nurtureflow.process.ProcessVocabulary.MSG_OPTED_OUT;
import static io.nurtureflow.process.ProcessVocabulary.MSG_PURCHASED;

/**
 * What a lifecycle flow must do for the code around it to work: catch the messages the event inbox sends to a
 * customer's lifecycle, and run the exits that move the customer to its final segment and stop its pushes. One
 * rule, applied when a flow is deployed and again when a channel or the tagging decision names it (its latest
 * version may have been deployed before the rule). docs/FLOWS.md says it in words.
 */
final class LifecycleContract {

    /** Sent by SignalCorrelator; a lifecycle without a catch for one would drop that behaviour silently. */
    private static final List<String> CAUGHT = List.of(MSG_ENGAGED, MSG_PURCHASED, MSG_OPTED_OUT, MSG_CUSTOMER_LEFT);
    /** The exit delegates (SegmentDelegates) and what they record, in the admin's words. */
    private static final Map<String, String> EXITS = new LinkedHashMap<>();

    static {
        EXITS.put("markConvertedDelegate", "购买后标记成交");
        EXITS.put("markOptedOutDelegate", "退订后标记退订");
        EXITS.put("markChurnedDelegate", "删除顾问后标记流失");
    }

    private LifecycleContract() {
    }

    static boolean declaredBy(String processKey) {
        return processKey != null && processKey.endsWith(LIFECYCLE_KEY_SUFFIX);
    }

    /** Why the process may not run as a lifecycle, for the admin who drew it; null when it meets the contract. */
    static String refusal(Process process) {
        var gaps = gaps(process);
        return gaps.isEmpty() ? null : "流程 " + process.getId() + " 以 " + LIFECYCLE_KEY_SUFFIX + " 结尾，是生命周期流程，但"
                + String.join("；", gaps) + "（约定见 docs/FLOWS.md）";
    }

    /** What the process lacks, in words for the admin who drew it; empty when it meets the contract. */
    private static List<String> gaps(Process process) {
        var gaps = new ArrayList<String>();
        if (!process.isExecutable()) {
            gaps.add("流程未设为可执行（isExecutable）");
        }
        var caught = caughtMessages(process);
        for (String message : CAUGHT) {
            if (!caught.contains(message)) {
                gaps.add("缺少消息 " + message + " 的接收");
            }
        }
        var delegates = new HashSet<String>();
        for (var task : process.getModelInstance().getModelElementsByType(ServiceTask.class)) {
            if (in(process, task) && task.getCamundaDelegateExpression() != null) {
                delegates.add(task.getCamundaDelegateExpression().replaceAll("[#${}\\s]", ""));
            }
        }
        EXITS.forEach((delegate, what) -> {
            if (!delegates.contains(delegate)) {
                gaps.add("缺少出口任务 #{" + delegate + "}（" + what + "）");
            }
        });
        return gaps;
    }

    /** A start event counts only inside an event sub-process: a message start of the process itself is no catch. */
    private static Set<String> caughtMessages(Process process) {
        var names = new HashSet<String>();
        var model = process.getModelInstance();
        for (var definition : model.getModelElementsByType(MessageEventDefinition.class)) {
            var event = definition.getParentElement();
            boolean catches = event instanceof CatchEvent
                    && !(event instanceof StartEvent && event.getParentElement() instanceof Process);
            if (catches && in(process, definition) && definition.getMessage() != null) {
                names.add(definition.getMessage().getName());
            }
        }
        for (var task : model.getModelElementsByType(ReceiveTask.class)) {
            if (in(process, task) && task.getMessage() != null) {
                names.add(task.getMessage().getName());
            }
        }
        return names;
    }

    private static boolean in(Process process, BaseElement element) {
        ModelElementInstance parent = element.getParentElement();
        while (parent != null && !(parent instanceof Process)) {
            parent = parent.getParentElement();
        }
        return parent == process;
    }
}
