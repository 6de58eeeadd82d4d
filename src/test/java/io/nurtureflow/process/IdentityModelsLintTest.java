package io.nurtureflow.process;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The models this issue owns follow the house's BPMN hygiene: meaningful ids, business names, drawable, HTTL. */
class IdentityModelsLintTest {

    private static final Pattern MEANINGFUL = Pattern.compile("(StartEvent|EndEvent|Event|Task|Gateway|Flow|Timer|Msg)_[A-Z][A-Za-z]+(_[A-Z][A-Za-z]+)?");
    private static final Pattern GENERATED = Pattern.compile(".*_[0-9][a-z0-9]{5,}.*|.*[0-9a-f]{8}-[0-9a-f]{4}.*");

    @Test
    void leadIntakeHasMeaningfulIdsNamesAndAShapeOrEdgeForEveryElement() {
        var model = Bpmn.readModelFromFile(new File("processes/lead-intake.bpmn"));
        var process = model.getModelElementsByType(Process.class).iterator().next();
        assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
        var shaped = model.getModelElementsByType(BpmnShape.class).stream().map(s -> s.getBpmnElement().getId()).toList();
        var edged = model.getModelElementsByType(BpmnEdge.class).stream().map(e -> e.getBpmnElement().getId()).toList();
        for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
            assertThat(element.getId()).matches(MEANINGFUL).doesNotMatch(GENERATED);
            if (element instanceof FlowNode node) {
                assertThat(node.getName()).as(node.getId()).isNotBlank();
                assertThat(Character.isUpperCase(node.getName().charAt(0))).as(node.getName()).isTrue();
                assertThat(shaped).as("a shape for " + node.getId()).contains(node.getId());
            }
            if (element instanceof SequenceFlow flow) {
                assertThat(edged).as("an edge for " + flow.getId()).contains(flow.getId());
            }
            if (element instanceof ServiceTask task) {
                assertThat(task.getCamundaDelegateExpression()).as(task.getId()).matches("#\\{[a-z][A-Za-z]+Delegate}");
            }
        }
        Bpmn.validateModel(model);
    }

    @Test
    void leadTaggingDecisionsHaveHistoryTimeToLiveAndDescribedRules() {
        var model = Dmn.readModelFromFile(new File("processes/lead-tagging.dmn"));
        assertThat(model.getModelElementsByType(Decision.class)).extracting(Decision::getId)
                .containsExactlyInAnyOrder(LeadTaggingDecision.TAGS_DECISION, LeadTaggingDecision.LAYER_DECISION,
                        LeadTaggingDecision.FLOW_DECISION);
        for (Decision decision : model.getModelElementsByType(Decision.class)) {
            assertThat(decision.getCamundaHistoryTimeToLiveString()).as(decision.getId()).isNotBlank();
            assertThat(decision.getName()).isNotBlank();
        }
        for (Rule rule : model.getModelElementsByType(Rule.class)) {
            assertThat(rule.getId()).matches("Rule_(Tag|Layer|Flow)_\\d\\d");
            assertThat(rule.getDescription().getTextContent()).as(rule.getId()).isNotBlank();
        }
    }
}
