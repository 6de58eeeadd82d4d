package io.nurtureflow.process;

import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A deployed table evaluates each distinct set of inputs once, unless it could read more than its inputs. */
class DeployedDecisionTest {

    final DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    @Test
    void theSameInputsAreAnsweredFromTheirFirstEvaluation() {
        var table = table("grade", "\"一年级\",\"二年级\"", "");

        var first = table.entries(Map.of("grade", "一年级"));
        var again = table.entries(Map.of("grade", "一年级"));

        assertThat(first).containsExactly("小学低年级", "全部");
        assertThat(again).isSameAs(first);
    }

    @Test
    void otherInputsAreEvaluatedForThemselves() {
        var table = table("grade", "\"一年级\",\"二年级\"", "");

        assertThat(table.entries(Map.of("grade", "一年级"))).containsExactly("小学低年级", "全部");
        assertThat(table.entries(Map.of("grade", "初一"))).containsExactly("全部");
        assertThat(table.firstEntry(Map.of("grade", "初一"))).isEqualTo("全部");
    }

    @Test
    void aTableThatReadsTheClockIsEvaluatedEveryTime() {
        assertEvaluatedEveryTime(table("now() > date and time(\"2000-01-01T00:00:00\")", "true", ""));
    }

    @Test
    void aTableInAnotherExpressionLanguageIsEvaluatedEveryTime() {
        assertEvaluatedEveryTime(table("grade", "\"一年级\"", " expressionLanguage=\"juel\""));
    }

    @Test
    void theShippedScoringTableAnswersTheSumOfItsMatchingRules() throws Exception {
        var scoring = DeployedDecision.parse(dmn, DmnScoreRules.DECISION,
                Files.readAllBytes(Path.of("processes/engagement-scoring.dmn")));

        assertThat(scoring.firstEntry(scored("LINK_CLICKED", null))).isEqualTo(15);
        assertThat(scoring.firstEntry(scored("LINK_CLICKED", "pricing"))).isEqualTo(35);
        assertThat(scoring.firstEntry(scored("REFUNDED", null))).isEqualTo(-50);
        assertThat(scoring.firstEntry(scored("NOT_A_TYPE", null))).isNull();
    }

    private static Map<String, Object> scored(String eventType, String contentTag) {
        var inputs = new HashMap<String, Object>();
        inputs.put("eventType", eventType);
        inputs.put("contentTag", contentTag);
        return inputs;
    }

    private static void assertEvaluatedEveryTime(DeployedDecision table) {
        var first = table.entries(Map.of("grade", "一年级"));
        var again = table.entries(Map.of("grade", "一年级"));

        assertThat(again).isEqualTo(first).isNotSameAs(first);
    }

    /** A COLLECT table: the input's entry decides 小学低年级, and a rule for everyone decides 全部. */
    private DeployedDecision table(String inputExpression, String inputEntry, String outputLanguage) {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="test">
                  <decision id="probe" name="Probe">
                    <decisionTable id="t" hitPolicy="COLLECT">
                      <input id="i"><inputExpression id="ie"><text>%s</text></inputExpression></input>
                      <output id="o" name="tag" typeRef="string"/>
                      <rule id="r1">
                        <inputEntry id="r1i"><text>%s</text></inputEntry>
                        <outputEntry id="r1o"%s><text>"小学低年级"</text></outputEntry>
                      </rule>
                      <rule id="r2">
                        <inputEntry id="r2i"><text></text></inputEntry>
                        <outputEntry id="r2o"><text>"全部"</text></outputEntry>
                      </rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """.formatted(inputExpression, inputEntry, outputLanguage);
        return DeployedDecision.parse(dmn, "probe", xml.strip().getBytes(StandardCharsets.UTF_8));
    }
}
