package io.nurtureflow.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nurtureflow.support.Api;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.ServiceTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Camunda Modeler element templates in processes/element-templates, and a BPMN composed only from them
 * (processes/examples/template-demo.bpmn), deployed and run: tag, push, wait for a behaviour, follow up.
 */
@ServiceTest
class ElementTemplatesTest {

    static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    static final Path TEMPLATES = Path.of("processes/element-templates");
    static final Path DEMO = Path.of("processes/examples/template-demo.bpmn");

    @LocalServerPort
    int port;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    JdbcTemplate db;
    Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void theDemoIsBuiltOnlyFromOurTemplatesWithEveryFixedBinding() throws IOException {
        var templates = templates();
        assertThat(templates.keySet()).containsExactlyInAnyOrder("io.nurtureflow.PushSopContent",
                "io.nurtureflow.TagLead", "io.nurtureflow.CreateFollowUpTask", "io.nurtureflow.WaitForBehaviour");
        BpmnModelInstance model = Bpmn.readModelFromFile(DEMO.toFile());
        var nodes = model.getModelElementsByType(FlowNode.class);
        int templated = 0;
        for (FlowNode node : nodes) {
            if (node instanceof StartEvent || node instanceof EndEvent) {
                continue;
            }
            String templateId = node.getAttributeValueNs(CAMUNDA, "modelerTemplate");
            assertThat(templates).as("%s is made from one of our templates", node.getId()).containsKey(templateId);
            var template = templates.get(templateId);
            assertThat(template.get("appliesTo").toString()).containsIgnoringCase("bpmn:" + node.getElementType().getTypeName());
            for (JsonNode property : template.get("properties")) {
                var binding = property.get("binding");
                String name = binding.get("name").asText();
                String expected = property.path("value").asText(null);
                String actual = switch (binding.get("type").asText()) {
                    case "property" -> name.startsWith("camunda:")
                            ? node.getAttributeValueNs(CAMUNDA, name.substring("camunda:".length()))
                            : node.getAttributeValue(name);
                    case "camunda:inputParameter" -> input(node, name);
                    default -> throw new AssertionError("binding the test does not know: " + binding);
                };
                assertThat(actual).as("%s binds %s", node.getId(), name).isNotNull();
                if ("Hidden".equals(property.path("type").asText())) {
                    assertThat(actual).as("%s keeps the fixed %s", node.getId(), name).isEqualTo(expected);
                }
            }
            templated++;
        }
        assertThat(templated).isEqualTo(4);
    }

    @Test
    void theTemplateBuiltDemoDeploysAndRuns() throws IOException {
        String rep = api.newUser("rep", "REP");
        var channel = api.post("/api/channels", ADMIN, Map.of("name", "公开课", "staff", List.of(rep),
                "tags", List.of("公开课"))).json();
        // the lead's own lifecycle plan pushes only in a month: today's cap (1 a day) stays free for the demo
        assertThat(api.post("/api/sop/plans", ADMIN, Map.of("key", "later-" + UUID.randomUUID().toString().substring(0, 8),
                "name", "一个月后", "channels", List.of(channel.get("id").asLong()), "steps", List.of(Map.of("timing",
                        "DAY_AT_WINDOW", "day", 30, "window", "MORNING", "text", "{{name}}，好久不见")))).status())
                .isEqualTo(201);
        assertThat(api.post("/api/sop/plans", ADMIN, Map.of("key", "template-demo", "name", "公开课邀请",
                "steps", List.of(Map.of("timing", "DAY_AT_WINDOW", "day", 0, "window", "NOON",
                        "text", "{{name}}，本周六的公开课给您留了位置 https://example.edu/open-class"))))
                .status()).isEqualTo(201);
        api.postForm("/q/" + channel.get("code").asText() + "/lead", Map.of("name", "赵敏", "phone", Leads.newPhone()));
        String customerId = api.get("/api/me/tasks", rep).json().get(0).get("lead").get("id").asText();

        var deployment = repository.createDeployment().name("template-demo-" + UUID.randomUUID())
                .addInputStream("template-demo.bpmn", Files.newInputStream(DEMO)).deployWithResult();
        assertThat(deployment.getDeployedProcessDefinitions()).hasSize(1);
        advanceIntoTheNextNoonWindow();

        String instance = runtime.startProcessInstanceByKey("template-demo", customerId, Variables.createVariables()
                .putValue("customerId", customerId).putValue("ownerRep", rep)
                .putValue("channelId", channel.get("id").asLong())).getId();
        // queued for the window's next pickup
        api.advanceClock("PT15M");

        assertThat(db.queryForObject("select status from push_outbox where customer_id = ? and plan_key = 'template-demo'",
                String.class, customerId)).isEqualTo("SENT");
        assertThat(runtime.createExecutionQuery().processInstanceId(instance).activityId("Task_WaitForEngagement")
                .count()).as("waits for the lead").isEqualTo(1);

        String token = db.queryForObject("select l.token from tracked_link l join push_outbox p on p.batch_id = l.batch_id"
                + " where p.customer_id = ? and p.plan_key = 'template-demo'", String.class, customerId);
        assertThat(api.get("/l/" + token, null).status()).isEqualTo(302);

        var followUp = tasks.createTaskQuery().processInstanceId(instance).singleResult();
        assertThat(followUp).as("the click ended the wait").isNotNull();
        assertThat(followUp.getTaskDefinitionKey()).isEqualTo("Task_FollowUpInvitedLead");
        assertThat(api.post("/api/me/tasks/" + followUp.getId() + "/complete", rep,
                Map.of("outcome", "INTERESTED", "note", "报名了")).status())
                .as("the template's task is a real follow-up in the rep's list").isEqualTo(204);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult().getEndActivityId())
                .isEqualTo("EndEvent_InvitationFollowedUp");
    }

    private void advanceIntoTheNextNoonWindow() {
        var zone = ZoneId.of("Asia/Shanghai");
        var now = ClockUtil.now().toInstant().atZone(zone);
        var noon = now.toLocalDate().atTime(LocalTime.of(12, 5)).atZone(zone);
        Instant target = (noon.isAfter(now) ? noon : noon.plusDays(1)).toInstant();
        api.advanceClock(Duration.between(now.toInstant(), target).toString());
    }

    private static String input(FlowNode node, String name) {
        var io = node.getExtensionElements() == null ? null : node.getExtensionElements().getElementsQuery()
                .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput.class).list();
        if (io == null || io.isEmpty()) {
            return null;
        }
        return io.get(0).getCamundaInputParameters().stream().filter(p -> name.equals(p.getCamundaName()))
                .map(CamundaInputParameter::getTextContent).findFirst().orElse(null);
    }

    private static Map<String, JsonNode> templates() throws IOException {
        var json = new ObjectMapper();
        var byId = new HashMap<String, JsonNode>();
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                for (JsonNode template : json.readTree(file.toFile())) {
                    assertThat(template.get("$schema").asText()).contains("element-templates-json-schema");
                    assertThat(template.get("name").asText()).isNotBlank();
                    byId.put(template.get("id").asText(), template);
                }
            }
        }
        return byId;
    }
}
