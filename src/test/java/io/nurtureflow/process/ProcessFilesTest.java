package io.nurtureflow.process;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Camunda's naming guide for the files this feature owns: business names, stable ids, a history time to live. */
class ProcessFilesTest {

    static final Pattern MEANINGFUL_ID = Pattern.compile("(Task|Gateway|Event|StartEvent|EndEvent|Timer|Flow|SubProcess)_[A-Z][A-Za-z]+(_[A-Z][A-Za-z]+)*");
    static final Pattern GENERATED = Pattern.compile(".*_[0-9a-z]{7}$|.*[0-9a-f]{8}-[0-9a-f]{4}.*");

    @ParameterizedTest
    @ValueSource(strings = {"processes/lead-lifecycle.bpmn", "processes/send-window.bpmn"})
    void everyElementHasABusinessNameAndAStableMeaningfulId(String file) {
        var model = Bpmn.readModelFromFile(new File(file));
        for (var process : model.getModelElementsByType(Process.class)) {
            assertThat(process.getCamundaHistoryTimeToLiveString()).as(file).isNotBlank();
        }
        for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
            assertThat(element.getId()).as(file).matches(MEANINGFUL_ID).doesNotMatch(GENERATED);
            if (element instanceof FlowNode) {
                assertThat(element.getName()).as(file + " " + element.getId()).isNotBlank();
            }
        }
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            assertThat(flow.getId()).as("a flow is named after its ends")
                    .isEqualTo("Flow_" + suffix(flow.getSource()) + "_" + suffix(flow.getTarget()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"processes/engagement-scoring.dmn"})
    void decisionsHaveNamesStableIdsAndAHistoryTimeToLive(String file) {
        var model = Dmn.readModelFromFile(new File(file));
        for (Decision decision : model.getModelElementsByType(Decision.class)) {
            assertThat(decision.getName()).isNotBlank();
            assertThat(decision.getCamundaHistoryTimeToLiveString()).isNotBlank();
        }
        for (Rule rule : model.getModelElementsByType(Rule.class)) {
            assertThat(rule.getId()).matches("Rule_[A-Z][A-Za-z]+");
        }
    }

    /** Task_FollowUpLead → FollowUpLead; the lifecycle's older flows name the event without its kind prefix. */
    private static String suffix(BaseElement element) {
        return element.getId().substring(element.getId().indexOf('_') + 1);
    }
}
