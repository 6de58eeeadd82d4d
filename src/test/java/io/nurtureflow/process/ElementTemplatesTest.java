package io.nurtureflow.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nurtureflow.support.Api;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.MovesTheClockByMonths;
import io.nurtureflow.support.Scenario;
import io.nurtureflow.support.ServiceTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Camunda Modeler element templates in processes/element-templates, and the BPMNs composed only from them
 * (processes/examples), deployed and run: tag, push, wait for a behaviour, follow up (template-demo.bpmn); choose and
 * run the SOP plan, record engagement, the score gateway, move to silent, return to nurture and the exits
 * (compact-lifecycle.bpmn, whose purchase, opt-out and churn exits FlowChoiceTest runs).
 */
@MovesTheClockByMonths
@ServiceTest
class ElementTemplatesTest {

    static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    static final Path TEMPLATES = Path.of("processes/element-templates");
    static final Path DEMO = Path.of("processes/examples/template-demo.bpmn");
    static final Path LIFECYCLE = FlowChoiceTest.EXAMPLE;

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
    void theExamplesAreBuiltOnlyFromOurTemplatesWithEveryFixedBindingAndUseEachOfThem() throws IOException {
        var templates = templates();
        var used = new HashSet<String>();
        used.addAll(templatesUsedBy(DEMO, templates));
        used.addAll(templatesUsedBy(LIFECYCLE, templates));
        assertThat(used).as("every template is run by an example").containsExactlyInAnyOrderElementsOf(templates.keySet());
        assertThat(templates.keySet()).contains("io.nurtureflow.RunSopPlan", "io.nurtureflow.ScoreAtLeast",
                "io.nurtureflow.MoveToSilent", "io.nurtureflow.EndLifecycle", "io.nurtureflow.TagLead",
                "io.nurtureflow.CreateFollowUpTask", "io.nurtureflow.WaitForBehaviour");
    }

    /** Every task and conditional flow comes from a template and keeps its fixed bindings; events and gateways are plain. */
    private static Set<String> templatesUsedBy(Path bpmn, Map<String, JsonNode> templates) {
        BpmnModelInstance model = Bpmn.readModelFromFile(bpmn.toFile());
        var used = new HashSet<String>();
        var elements = new ArrayList<FlowElement>(model.getModelElementsByType(Activity.class));
        elements.removeIf(element -> element instanceof SubProcess);
        model.getModelElementsByType(SequenceFlow.class).stream().filter(flow -> flow.getConditionExpression() != null)
                .forEach(elements::add);
        for (FlowElement element : elements) {
            String templateId = element.getAttributeValueNs(CAMUNDA, "modelerTemplate");
            assertThat(templates).as("%s is made from one of our templates", element.getId()).containsKey(templateId);
            var template = templates.get(templateId);
            assertThat(template.get("appliesTo").toString()).containsIgnoringCase("bpmn:" + element.getElementType().getTypeName());
            for (JsonNode property : template.get("properties")) {
                var binding = property.get("binding");
                String name = binding.get("name").asText();
                String expected = property.path("value").asText(null);
                String actual = switch (binding.get("type").asText()) {
                    case "property" -> name.startsWith("camunda:")
                            ? element.getAttributeValueNs(CAMUNDA, name.substring("camunda:".length()))
                            : "conditionExpression".equals(name) ? ((SequenceFlow) element).getConditionExpression().getTextContent()
                            : element.getAttributeValue(name);
                    case "camunda:inputParameter" -> input(element, name);
                    default -> throw new AssertionError("binding the test does not know: " + binding);
                };
                assertThat(actual).as("%s binds %s", element.getId(), name).isNotNull();
                if ("Hidden".equals(property.path("type").asText())) {
                    assertThat(actual).as("%s keeps the fixed %s", element.getId(), name).isEqualTo(expected);
                }
                if (property.has("choices")) {
                    var choices = new ArrayList<String>();
                    property.get("choices").forEach(choice -> choices.add(choice.get("value").asText()));
                    assertThat(choices).as("%s picks one of the choices for %s", element.getId(), name).contains(actual);
                }
                var pattern = property.path("constraints").path("pattern").path("value");
                if (!pattern.isMissingNode()) {
                    assertThat(actual).as("%s meets the template's pattern for %s", element.getId(), name)
                            .matches(pattern.asText());
                }
            }
            used.add(templateId);
        }
        return used;
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

    @Test
    void theTemplateBuiltLifecycleRunsItsPlanScoreGatewaySilenceReturnAndDormancy() throws IOException {
        repository.createDeployment().name("compact-lifecycle-" + UUID.randomUUID())
                .addInputStream("compact-lifecycle.bpmn", Files.newInputStream(LIFECYCLE)).deploy();
        String rep = api.newUser("rep", "REP");
        var channel = api.post("/api/channels", ADMIN, Map.of("name", "模板生命周期", "staff", List.of(rep),
                "lifecycleFlow", "compact-lifecycle"));
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        String code = channel.json().get("code").asText();
        String replier = Scenario.lead(api, code, Leads.newPhone(), null);
        String clicker = Scenario.lead(api, code, Leads.newPhone(), null);
        String quiet = Scenario.lead(api, code, Leads.newPhone(), null);
        String dormant = Scenario.lead(api, code, Leads.newPhone(), null);
        for (String customer : List.of(replier, clicker, quiet, dormant)) {
            assertThat(variable(customer, "planKey")).as("'Choose the SOP plan' pinned the default plan").isEqualTo("new-lead");
            assertThat(db.queryForObject("select count(*) from push_outbox where customer_id = ? and plan_key = 'new-lead'",
                    Integer.class, customer)).as("'Run the SOP plan' planned its pushes").isPositive();
            assertThat(variable(customer, "planRunning")).as("read by a gateway at once, never stored").isNull();
            completeTheOpenTask(rep, customer, "FIRST_CONTACT");
            assertThat(waitsAt(customer)).containsExactly("Gateway_EngagedOrSilent");
        }

        // a reply (30 points) passes the score gateway's threshold; a click (15) does not
        Scenario.event(api, replier, "MESSAGE_REPLIED");
        Scenario.event(api, clicker, "LINK_CLICKED");
        assertThat(api.get("/api/customers/" + replier, ADMIN).json().get("score").asInt()).isEqualTo(30);
        assertThat(variable(replier, "engagementScore")).as("read by the score gateway at once, never stored").isNull();
        assertThat(stage(replier)).as("'Record engagement'").isEqualTo("ENGAGED");
        completeTheOpenTask(rep, replier, "FOLLOW_UP");
        assertThat(api.get("/api/customers/" + clicker, ADMIN).json().get("score").asInt()).isEqualTo(15);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(clicker).count()).as("below the threshold").isZero();
        for (String customer : List.of(replier, clicker)) {
            assertThat(waitsAt(customer)).as("watching again").containsExactly("Gateway_EngagedOrSilent");
        }

        // the new-lead plan's 14 quiet days: silent; one comes back, the other stays quiet and ends dormant
        api.advanceClock("P15D");
        assertThat(stage(quiet)).isEqualTo("SILENT");
        assertThat(stage(dormant)).isEqualTo("SILENT");
        Scenario.event(api, quiet, "MESSAGE_REPLIED");
        assertThat(stage(quiet)).as("'Return to nurture'").isEqualTo("ENGAGED");
        assertThat(variable(quiet, "backFromSilence")).isEqualTo(true);
        assertThat(waitsAt(quiet)).containsExactly("Gateway_EngagedOrSilent");
        for (int day = 0; day < 95; day += 5) {
            api.advanceClock("P5D");
        }
        assertThat(stage(dormant)).isEqualTo("DORMANT");
        String ended = db.queryForObject("select lifecycle_instance_id from customer where id = ?", String.class, dormant);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(ended).activityId("EndEvent_Dormant")
                .count()).as("'Exit: end the lifecycle' as dormant").isEqualTo(1);
    }

    private Object variable(String customerId, String name) {
        String instance = db.queryForObject("select lifecycle_instance_id from customer where id = ?", String.class,
                customerId);
        return runtime.getVariable(instance, name);
    }

    private List<String> waitsAt(String customerId) {
        String instance = db.queryForObject("select lifecycle_instance_id from customer where id = ?", String.class,
                customerId);
        return runtime.getActiveActivityIds(instance);
    }

    private String stage(String customerId) {
        return api.get("/api/customers/" + customerId, ADMIN).json().get("stage").asText();
    }

    private void completeTheOpenTask(String rep, String customerId, String kind) {
        var task = tasks.createTaskQuery().processInstanceBusinessKey(customerId).singleResult();
        assertThat(task).as("%s's open task", customerId).isNotNull();
        assertThat(api.get("/api/me/tasks", rep).json().findValues("kind").stream().map(JsonNode::asText))
                .contains(kind);
        assertThat(api.post("/api/me/tasks/" + task.getId() + "/complete", rep, Map.of("outcome", "REACHED")).status())
                .isEqualTo(204);
    }

    private void advanceIntoTheNextNoonWindow() {
        var zone = ZoneId.of("Asia/Shanghai");
        var now = ClockUtil.now().toInstant().atZone(zone);
        var noon = now.toLocalDate().atTime(LocalTime.of(12, 5)).atZone(zone);
        Instant target = (noon.isAfter(now) ? noon : noon.plusDays(1)).toInstant();
        api.advanceClock(Duration.between(now.toInstant(), target).toString());
    }

    private static String input(FlowElement node, String name) {
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
