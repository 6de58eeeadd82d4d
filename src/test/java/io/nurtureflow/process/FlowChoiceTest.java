package io.nurtureflow.process;

import com.fasterxml.jackson.databind.JsonNode;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.RunningService;
import io.nurtureflow.support.Scenario;
import io.nurtureflow.support.ServiceTest;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, "choose the flow": a lifecycle drawn only from the element templates is deployed as Camunda Modeler's
 * Deploy button does it, a channel (or the tagging decision) names it, its leads run it and its exits end it; one
 * that breaks the lifecycle contract is refused with what it lacks, and nothing of it is deployed.
 */
@ServiceTest
class FlowChoiceTest extends RunningService {

    static final Path EXAMPLE = Path.of("processes/examples/compact-lifecycle.bpmn");
    static final String FLOW = "compact-lifecycle";

    @Autowired
    RepositoryService repository;

    @BeforeEach
    void deployTheExampleFromModeler() throws IOException {
        var deployed = api.deploy(ADMIN, FLOW + ".bpmn", Files.readAllBytes(EXAMPLE));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        assertThat(api.get("/engine-rest/process-definition/key/" + FLOW, ADMIN).status()).isEqualTo(200);
    }

    @Test
    void aChannelsLeadsRunTheFlowItNamesAndPurchaseOptOutAndChurnEndItLikeTheShippedOne() {
        String rep = api.newUser("rep", "REP");
        var channel = api.post("/api/channels", ADMIN, Map.of("name", "模板流程", "staff", List.of(rep),
                "lifecycleFlow", FLOW));
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        assertThat(channel.json().get("lifecycleFlow").asText()).isEqualTo(FLOW);
        String code = channel.json().get("code").asText();

        assertThat(api.postForm("/q/" + code + "/lead", Map.of("name", Leads.newName(), "phone", Leads.newPhone()))
                .status()).isLessThan(400);
        String buyer = api.get("/api/me/tasks", rep).json().get(0).get("lead").get("id").asText();
        String unsubscriber = Scenario.lead(api, code, Leads.newPhone(), null);
        String leaver = Scenario.lead(api, code, Leads.newPhone(), null);
        for (String customer : List.of(buyer, unsubscriber, leaver)) {
            assertThat(lifecycle(customer).get("processDefinitionKey").asText()).as("runs the channel's flow").isEqualTo(FLOW);
        }
        assertThat(Scenario.taskKinds(api, rep)).as("the template's first-contact task, in the rep's list")
                .containsOnly("FIRST_CONTACT").hasSize(3);

        Scenario.event(api, buyer, "PURCHASED");
        Scenario.event(api, unsubscriber, "UNSUBSCRIBED");
        Scenario.event(api, leaver, "CUSTOMER_DELETED_STAFF");

        assertThat(stage(buyer)).isEqualTo("CUSTOMER");
        assertThat(ends(buyer)).containsExactly("EndEvent_Purchase");
        assertThat(stage(unsubscriber)).isEqualTo("OPTED_OUT");
        assertThat(ends(unsubscriber)).containsExactly("EndEvent_OptOut");
        assertThat(stage(leaver)).isEqualTo("CHURNED");
        assertThat(ends(leaver)).containsExactly("EndEvent_CustomerLeft");
        assertThat(api.get("/api/me/tasks", rep).json()).as("the exits closed the open tasks").isEmpty();
        assertThat(db.queryForObject("select count(*) from push_outbox where customer_id in (?, ?, ?) and status = 'SCHEDULED'",
                Integer.class, buyer, unsubscriber, leaver)).as("nothing left waiting in the outbox").isZero();
    }

    @Test
    void aChannelWithoutAFlowKeepsTheShippedLifecycleAndAChangedChannelTakesTheNewOneForItsNextLeads() {
        String rep = api.newUser("rep", "REP");
        var channel = api.post("/api/channels", ADMIN, Map.of("name", "默认流程", "staff", List.of(rep))).json();
        assertThat(channel.get("lifecycleFlow").isNull()).isTrue();
        String code = channel.get("code").asText();
        String before = Scenario.lead(api, code, Leads.newPhone(), null);

        var changed = api.put("/api/channels/" + channel.get("id").asLong(), ADMIN, Map.of("name", "默认流程",
                "staff", List.of(rep), "lifecycleFlow", FLOW));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        String after = Scenario.lead(api, code, Leads.newPhone(), null);

        assertThat(lifecycle(before).get("processDefinitionKey").asText()).isEqualTo(ProcessVocabulary.LEAD_LIFECYCLE);
        assertThat(lifecycle(after).get("processDefinitionKey").asText()).isEqualTo(FLOW);
    }

    @Test
    void theTaggingDecisionCanNameTheFlowOverTheChannels() throws IOException {
        String rep = api.newUser("rep", "REP");
        String channelName = "决策流程" + UUID.randomUUID().toString().substring(0, 6);
        String code = api.post("/api/channels", ADMIN, Map.of("name", channelName, "staff", List.of(rep)))
                .json().get("code").asText();
        String shipped = shippedTaggingTable();
        String decided = withFlowRule(shipped, flowRule(channelName, FLOW));
        repository.createDeployment().name("lead-tagging naming a flow").addString("lead-tagging.dmn", decided).deploy();
        try {
            String customer = Scenario.lead(api, code, Leads.newPhone(), null);
            assertThat(lifecycle(customer).get("processDefinitionKey").asText()).isEqualTo(FLOW);
        } finally {
            repository.createDeployment().name("restore lead-tagging").addString("lead-tagging.dmn", shipped).deploy();
        }
    }

    @Test
    void aTaggingDecisionNamingAFlowThatCannotTakeLeadsIsRefusedAtDeployment() throws IOException {
        String shipped = shippedTaggingTable();
        int versions = api.get("/engine-rest/decision-definition/count?key=lead-flow", ADMIN).json().get("count").asInt();

        var refused = api.deploy(ADMIN, "lead-tagging.dmn", withFlowRule(shipped, flowRule("某渠道", "never-deployed-lifecycle"))
                .getBytes(StandardCharsets.UTF_8));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("field").asText()).isEqualTo("lead-tagging.dmn");
        assertThat(refused.json().get("detail").asText()).contains("Rule_Flow_Test").contains("never-deployed-lifecycle");
        assertThat(api.get("/engine-rest/decision-definition/count?key=lead-flow", ADMIN).json().get("count").asInt())
                .as("nothing deployed").isEqualTo(versions);
    }

    private String shippedTaggingTable() throws IOException {
        try (InputStream table = getClass().getResourceAsStream("/processes/lead-tagging.dmn")) {
            return new String(table.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String withFlowRule(String shipped, String rule) {
        String decided = shipped.replaceFirst(
                " *<output id=\"Output_Flow\" label=\"Lifecycle flow \\(process key\\)\" name=\"flowKey\" typeRef=\"string\"/>",
                rule);
        assertThat(decided).contains("Rule_Flow_Test");
        return decided;
    }

    private static String flowRule(String channelName, String flow) {
        return """
                      <output id="Output_Flow" label="Lifecycle flow (process key)" name="flowKey" typeRef="string"/>
                      <rule id="Rule_Flow_Test">
                        <inputEntry id="Rule_Flow_Test_Grade"><text></text></inputEntry>
                        <inputEntry id="Rule_Flow_Test_Channel"><text>"%s"</text></inputEntry>
                        <outputEntry id="Rule_Flow_Test_Flow"><text>"%s"</text></outputEntry>
                      </rule>""".formatted(channelName, flow);
    }

    @Test
    void aLifecycleThatBreaksTheContractIsRefusedWithWhatItLacksAndNothingIsDeployed() throws IOException {
        String example = Files.readString(EXAMPLE);
        String broken = example.replace("\"" + FLOW + "\"", "\"broken-lifecycle\"")
                .replaceAll("(?s)<subProcess id=\"SubProcess_Purchase\".*?</subProcess>", "")
                .replaceAll("(?s)<bpmndi:BPMN(Shape|Edge) id=\"(SubProcess_Purchase|Event_Purchase|Task_MarkConverted|"
                        + "EndEvent_Purchase|Flow_Purchase_Mark|Flow_Purchase_End)_di\".*?</bpmndi:BPMN(Shape|Edge)>", "");
        assertThat(broken).doesNotContain("markConvertedDelegate").contains("id=\"broken-lifecycle\"");

        var refused = api.deploy(ADMIN, "broken-lifecycle.bpmn", broken.getBytes(StandardCharsets.UTF_8));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("field").asText()).isEqualTo("broken-lifecycle.bpmn");
        assertThat(refused.json().get("detail").asText()).contains("缺少消息 Msg_Purchased 的接收")
                .contains("#{markConvertedDelegate}").doesNotContain("Msg_OptedOut");
        assertThat(api.get("/engine-rest/process-definition/key/broken-lifecycle", ADMIN).status())
                .as("nothing of it deployed").isEqualTo(404);
        assertThat(api.get("/engine-rest/deployment?name=broken-lifecycle", ADMIN).json()).isEmpty();
    }

    @Test
    void aChannelNamingAFlowThatCannotTakeLeadsIsA400NamingTheField() {
        String rep = api.newUser("rep", "REP");
        for (String flow : List.of("never-deployed-lifecycle", "template-demo", "send-window")) {
            var refused = api.post("/api/channels", ADMIN, Map.of("name", "坏流程", "staff", List.of(rep),
                    "lifecycleFlow", flow));
            assertThat(refused.status()).as(flow).isEqualTo(400);
            assertThat(refused.json().get("field").asText()).isEqualTo("lifecycleFlow");
        }
        var channel = api.post("/api/channels", ADMIN, Map.of("name", "好流程", "staff", List.of(rep))).json();
        var refused = api.put("/api/channels/" + channel.get("id").asLong(), ADMIN, Map.of("name", "好流程",
                "staff", List.of(rep), "lifecycleFlow", "never-deployed-lifecycle"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asText()).isEqualTo("lifecycleFlow");
        assertThat(api.get("/api/channels/" + channel.get("id").asLong(), ADMIN).json().get("lifecycleFlow").isNull())
                .as("nothing changed").isTrue();
    }

    private JsonNode lifecycle(String customerId) {
        String instance = db.queryForObject("select lifecycle_instance_id from customer where id = ?", String.class,
                customerId);
        return api.get("/engine-rest/history/process-instance/" + instance, ADMIN).json();
    }

    private String stage(String customerId) {
        return api.get("/api/customers/" + customerId, ADMIN).json().get("stage").asText();
    }

    private List<String> ends(String customerId) {
        var reached = new ArrayList<String>();
        api.get("/engine-rest/history/activity-instance?activityType=noneEndEvent&processInstanceId="
                + lifecycle(customerId).get("id").asText(), ADMIN).json()
                .forEach(end -> reached.add(end.get("activityId").asText()));
        return reached;
    }
}
