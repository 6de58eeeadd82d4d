package io.nurtureflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nurtureflow.support.Api;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.ServiceTest;
import io.nurtureflow.tagging.WeComTagSync;
import io.nurtureflow.wecom.WeComChannel;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two outside services, each played by a local server speaking its protocol: WeCom's qyapi (gettoken,
 * externalcontact/mark_tag) for tag sync, and the external CRM's lookup API for intake.
 */
@ServiceTest
class StandInServicesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MockWebServer WECOM = new MockWebServer();
    private static final MockWebServer CRM = new MockWebServer();
    private static final List<RecordedRequest> MARK_TAG_CALLS = new CopyOnWriteArrayList<>();
    private static final AtomicInteger MARK_TAG_FAILURES_LEFT = new AtomicInteger();
    private static final Map<String, MockResponse> CRM_ANSWERS = new ConcurrentHashMap<>();

    static {
        WECOM.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getRequestUrl().encodedPath();
                if (path.equals("/cgi-bin/gettoken")) {
                    return json("{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"token-1\",\"expires_in\":7200}");
                }
                if (path.equals("/cgi-bin/externalcontact/mark_tag")) {
                    MARK_TAG_CALLS.add(request);
                    return MARK_TAG_FAILURES_LEFT.getAndDecrement() > 0
                            ? json("{\"errcode\":40068,\"errmsg\":\"invalid tagid\"}")
                            : json("{\"errcode\":0,\"errmsg\":\"ok\"}");
                }
                // with WeCom configured, every new channel gets its 「联系我」 contact way
                if (path.equals("/cgi-bin/externalcontact/add_contact_way")) {
                    return json("{\"errcode\":0,\"errmsg\":\"ok\",\"config_id\":\"cfg-" + request.getSequenceNumber()
                            + "\",\"qr_code\":\"https://wework.example/qr\"}");
                }
                if (path.equals("/cgi-bin/externalcontact/update_contact_way")) {
                    return json("{\"errcode\":0,\"errmsg\":\"ok\"}");
                }
                return new MockResponse().setResponseCode(404);
            }
        });
        CRM.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String phone = request.getRequestUrl().queryParameter("phone");
                return CRM_ANSWERS.getOrDefault(phone == null ? "" : phone, new MockResponse().setResponseCode(404));
            }
        });
        try {
            WECOM.start();
            CRM.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void standIns(DynamicPropertyRegistry properties) {
        properties.add("nurture.wecom.corp-id", () -> "corp-under-test");
        properties.add("nurture.wecom.secret", () -> "secret-under-test");
        properties.add("nurture.wecom.api-base-url", () -> "http://localhost:" + WECOM.getPort());
        properties.add("nurture.crm.url", () -> "http://localhost:" + CRM.getPort() + "/api/");
        properties.add("nurture.crm.token", () -> "crm-token-under-test");
        properties.add("nurture.crm.timeout", () -> "PT0.5S");
    }

    @AfterAll
    static void stop() throws IOException {
        WECOM.shutdown();
        CRM.shutdown();
    }

    /** Pushes are not exercised here; with WeCom configured the simulated channel steps aside, so one stands in. */
    @TestConfiguration
    static class NoPushes {
        @Bean
        WeComChannel unusedPushChannel() {
            return new WeComChannel() {
                @Override
                public MassSend massSend(MassMessage message) {
                    throw new UnsupportedOperationException("pushes are not part of this test");
                }

                @Override
                public boolean confirmed(String msgId, String senderRep) {
                    throw new UnsupportedOperationException("pushes are not part of this test");
                }

                @Override
                public void remind(String msgId) {
                    throw new UnsupportedOperationException("pushes are not part of this test");
                }

                @Override
                public java.util.Map<String, io.nurtureflow.wecom.DeliveryStatus> results(String msgId, String senderRep) {
                    throw new UnsupportedOperationException("pushes are not part of this test");
                }

                @Override
                public String name() {
                    return "unused";
                }
            };
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;
    @Autowired
    WeComTagSync tagSync;
    Api api;
    String rep;

    @BeforeEach
    void connect() {
        api = new Api(port);
        rep = api.newUser("rep", "REP");
    }

    @Test
    void tagChangesReachWeComThroughMarkTagAndAFailedCallIsRetried() throws Exception {
        String tag = "体验课" + rep.substring(rep.length() - 4);
        api.post("/api/tags", ADMIN, Map.of("name", tag, "group", "行为", "wecomTagId", "etTAG" + rep.substring(4)));
        String external = "wmEXT" + rep.substring(4);
        String customerId = api.post("/api/leads", ADMIN, Map.of("channelCode", channel(), "name", "邓超",
                "externalUserId", external)).json().get("customerId").asText();
        MARK_TAG_FAILURES_LEFT.set(1);
        MARK_TAG_CALLS.clear();

        assertThat(api.post("/api/customers/" + customerId + "/tags", rep, Map.of("tag", tag)).status()).isEqualTo(200);

        // the service sweeps the outbox every few seconds; here the test sweeps, as often as the outbox (shared with
        // the other tests' rows) needs to reach this row twice: the refused call and its retry
        String sql = "select max(status) from tag_sync where customer_id = ? and added = ?";
        String status = null;
        for (int sweep = 0; sweep < 100 && !"SENT".equals(status); sweep++) {
            tagSync.sendPending();
            status = db.queryForObject(sql, String.class, customerId, tag);
        }
        assertThat(status).isEqualTo("SENT");
        assertThat(db.queryForObject("select attempts from tag_sync where customer_id = ? and added = ?", Integer.class,
                customerId, tag)).as("the first call was refused, the sweep tried again").isEqualTo(2);
        var call = MARK_TAG_CALLS.get(MARK_TAG_CALLS.size() - 1);
        assertThat(call.getRequestUrl().queryParameter("access_token")).isEqualTo("token-1");
        var body = JSON.readTree(call.getBody().readUtf8());
        assertThat(body.get("userid").asText()).isEqualTo(rep);
        assertThat(body.get("external_userid").asText()).isEqualTo(external);
        assertThat(body.get("add_tag").toString()).isEqualTo("[\"etTAG" + rep.substring(4) + "\"]");
        assertThat(body.get("remove_tag").toString()).isEqualTo("[]");
    }

    @Test
    void aLeadTheCrmKnowsAsABuyerGoesToCustomerCare() throws Exception {
        String phone = Leads.newPhone();
        CRM_ANSWERS.put("+86" + phone, json("{\"crmId\":\"CRM-" + phone + "\",\"name\":\"周迅\",\"owner\":\"" + rep
                + "\",\"purchases\":[{\"orderRef\":\"SO-" + phone + "\",\"product\":\"寒假营\",\"amountCents\":159900,"
                + "\"purchasedAt\":\"2025-01-10T02:00:00Z\"}]}"));

        var lead = api.post("/api/leads", ADMIN, Map.of("channelCode", channel(), "name", "周迅", "phone", phone)).json();

        assertThat(lead.get("outcome").asText()).isEqualTo("PAST_BUYER");
        var lookup = takeCrmRequestFor(phone);
        assertThat(lookup.getHeader("Authorization")).isEqualTo("Bearer crm-token-under-test");
        assertThat(lookup.getRequestUrl().encodedPath()).isEqualTo("/api/customers");
        assertThat(db.queryForObject("select count(*) from purchase where order_ref = ?", Integer.class, "SO-" + phone))
                .isEqualTo(1);
    }

    @Test
    void aCrmThatIsDownOrSlowLeavesMatchingToLocalData() {
        String slow = Leads.newPhone();
        String broken = Leads.newPhone();
        CRM_ANSWERS.put("+86" + slow, json("{}").setHeadersDelay(3, TimeUnit.SECONDS));
        CRM_ANSWERS.put("+86" + broken, new MockResponse().setResponseCode(503));

        var slowLead = api.post("/api/leads", ADMIN, Map.of("channelCode", channel(), "name", "慢", "phone", slow));
        var brokenLead = api.post("/api/leads", ADMIN, Map.of("channelCode", channel(), "name", "坏", "phone", broken));

        assertThat(slowLead.status()).isEqualTo(201);
        assertThat(slowLead.json().get("outcome").asText()).isEqualTo("NEW");
        assertThat(brokenLead.status()).isEqualTo(201);
        assertThat(brokenLead.json().get("outcome").asText()).isEqualTo("NEW");
    }

    private String channel() {
        return api.post("/api/channels", ADMIN, Map.of("name", "企微", "staff", List.of(rep))).json().get("code").asText();
    }

    private static RecordedRequest takeCrmRequestFor(String phone) throws InterruptedException {
        for (RecordedRequest request; (request = CRM.takeRequest(5, TimeUnit.SECONDS)) != null; ) {
            if (("+86" + phone).equals(request.getRequestUrl().queryParameter("phone"))) {
                return request;
            }
        }
        throw new AssertionError("the CRM was never asked about " + phone);
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }
}
