package io.nurtureflow.process;

import io.nurtureflow.support.Api;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.ServiceTest;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin deploys a lead-tagging.dmn that cannot work: the lead is still captured and nurtured, its tags stay as
 * they were, and Cockpit shows an incident on the lifecycle saying why.
 */
@ServiceTest
class LeadTaggingIncidentTest {

    @LocalServerPort
    int port;
    @Autowired
    RepositoryService repository;

    @AfterEach
    void redeployTheRealTable() throws IOException {
        try (InputStream table = getClass().getResourceAsStream("/processes/lead-tagging.dmn")) {
            repository.createDeployment().name("restore lead-tagging").addInputStream("lead-tagging.dmn", table).deploy();
        }
    }

    @Test
    void aTableDecidingAnUnknownTagRaisesAnIncidentAndTheLeadGoesOn() {
        deploy(table().replace("\"初三\"</text></outputEntry>", "\"没有这个标签\"</text></outputEntry>"));

        var api = new Api(port);
        String rep = api.newUser("rep", "REP");
        String customerId = capture(api, rep, "初三");

        var incidents = incidentsOf(api, customerId);
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).get("incidentMessage").asText()).contains("没有这个标签");
        var profile = api.get("/api/customers/" + customerId, ADMIN).json();
        assertThat(profile.get("tags").toString()).contains("讲座").doesNotContain("初三");
        assertThat(api.get("/api/me/tasks", rep).json()).as("nurture goes on").hasSize(1);
    }

    @Test
    void aTableThatCannotBeEvaluatedRaisesAnIncident() {
        deploy(table().replace("<text>grade</text>", "<text>grade.notAField + </text>"));

        var api = new Api(port);
        String rep = api.newUser("rep", "REP");
        String customerId = capture(api, rep, "初一");

        var incidents = incidentsOf(api, customerId);
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).get("incidentMessage").asText()).contains("could not be evaluated");
        assertThat(api.get("/api/me/tasks", rep).json()).hasSize(1);
    }

    private String capture(Api api, String rep, String grade) {
        String code = api.post("/api/channels", ADMIN, Map.of("name", "讲座", "staff", List.of(rep), "tags", List.of("讲座")))
                .json().get("code").asText();
        var lead = api.post("/api/leads", ADMIN, Map.of("channelCode", code, "name", "许晴", "phone", Leads.newPhone(),
                "answers", Map.of("grade", grade)));
        assertThat(lead.status()).as(lead.body()).isEqualTo(201);
        return lead.json().get("customerId").asText();
    }

    private static List<com.fasterxml.jackson.databind.JsonNode> incidentsOf(Api api, String customerId) {
        var incidents = new java.util.ArrayList<com.fasterxml.jackson.databind.JsonNode>();
        api.get("/engine-rest/incident?incidentType=" + LeadTaggingDecision.INCIDENT_TYPE, ADMIN).json().forEach(incident -> {
            if (customerId.equals(incident.path("configuration").asText())) {
                incidents.add(incident);
            }
        });
        return incidents;
    }

    private void deploy(String dmn) {
        repository.createDeployment().name("broken lead-tagging")
                .addString("lead-tagging.dmn", dmn).deploy();
    }

    private String table() {
        try (InputStream table = getClass().getResourceAsStream("/processes/lead-tagging.dmn")) {
            return new String(table.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
