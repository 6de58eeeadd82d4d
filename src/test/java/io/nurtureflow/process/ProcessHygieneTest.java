package io.nurtureflow.process;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Lints what admins edit: named elements, stable meaningful ids, a history time to live everywhere. */
class ProcessHygieneTest {

    /** Modeler's generated ids (Activity_0abc123, Gateway_1x2y3z4) and UUID-bearing ids from the model API. */
    private static final Pattern GENERATED = Pattern.compile(
            "^[A-Za-z]+_[0-9][0-9a-z]{6}$|[0-9a-f]{8}-[0-9a-f]{4}-|^(sid|id)-"
                    + "|^(Activity|Event|Gateway|Flow|StartEvent|EndEvent|Task|SequenceFlow|Process|Definitions"
                    + "|DecisionTable|InputClause|OutputClause|DecisionRule|UnaryTests|LiteralExpression)_[0-9a-z]{7}$");

    static Stream<Path> bpmnFiles() throws IOException {
        try (var files = Files.list(Path.of("processes"))) {
            return files.filter(f -> f.toString().endsWith(".bpmn")).toList().stream();
        }
    }

    static Stream<Path> definitionFiles() throws IOException {
        try (var files = Files.list(Path.of("processes"))) {
            return files.filter(f -> f.toString().endsWith(".bpmn") || f.toString().endsWith(".dmn")).toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("bpmnFiles")
    void everyFlowNodeHasABusinessNameAndEveryIdIsMeaningful(Path file) {
        var model = Bpmn.readModelFromFile(file.toFile());
        for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
            assertThat(element.getId()).as("id in " + file).isNotNull().doesNotMatch(GENERATED);
        }
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            assertThat(node.getName()).as(node.getId() + " in " + file + " needs a business name").isNotBlank();
            assertThat(Character.isUpperCase(node.getName().charAt(0))).as(node.getId() + " is sentence case").isTrue();
        }
        for (Process process : model.getModelElementsByType(Process.class)) {
            assertThat(process.getCamundaHistoryTimeToLiveString()).as(file + " history time to live").isNotBlank();
        }
    }

    @ParameterizedTest
    @MethodSource("definitionFiles")
    void noGeneratedIdsAnywhereInTheXml(Path file) throws IOException {
        var ids = Pattern.compile(" id=\"([^\"]+)\"").matcher(Files.readString(file));
        while (ids.find()) {
            assertThat(ids.group(1)).as("id in " + file).doesNotMatch(GENERATED);
        }
    }
}
