package io.nurtureflow.customer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nurtureflow.support.Api;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** CRM exports in, as an admin uploads them: UTF-8 and GBK, header mapping, purchases, owners, errors, re-import. */
@ServiceTest
class CrmImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;
    Api api;
    String rep;
    String batch;

    @BeforeEach
    void connect() {
        api = new Api(port);
        rep = api.newUser("rep", "REP");
        batch = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aUtf8ExportIsImportedWithPurchasesOwnersAndAReportOfBadRows() throws Exception {
        String buyerPhone = Leads.newPhone();
        String prospectPhone = Leads.newPhone();
        String csv = "客户编号,姓名,手机号,负责人,订单号,课程,金额,购买时间\n"
                + crm(1) + ",张三,\"" + buyerPhone + "\"," + rep + ",O-" + batch + "-1,\"暑期班, 数学\",1999.00,2024-07-01\n"
                + crm(1) + ",张三," + buyerPhone + "," + rep + ",O-" + batch + "-2,秋季班,2999.50,2024-09-01 10:30\n"
                + crm(2) + ",李四," + prospectPhone + ",,,,,\n"
                + crm(3) + ",王五,12345,,,,,\n"
                + crm(4) + ",赵六," + Leads.newPhone() + ",nobody-" + batch + ",,,,\n"
                + crm(5) + ",钱七," + Leads.newPhone() + ",,,,abc,\n";

        var done = importAndWait(csv.getBytes(StandardCharsets.UTF_8), "UTF-8", Map.of());

        assertThat(done.get("status").asText()).isEqualTo("DONE");
        assertThat(counts(done)).containsExactly(6L, 2L, 1L, 0L, 3L);
        var errors = api.get("/api/imports/" + done.get("id").asLong() + "/errors", ADMIN).json();
        assertThat(errors.findValuesAsText("field")).containsExactly("phone", "owner", "orderRef");
        assertThat(errors.findValues("lineNo").stream().map(JsonNode::asLong).toList()).containsExactly(5L, 6L, 7L);

        String buyer = customerOf(crm(1));
        var profile = api.get("/api/customers/" + buyer, ADMIN).json();
        assertThat(profile.get("stage").asText()).isEqualTo("CUSTOMER");
        assertThat(profile.get("owner").asText()).isEqualTo(rep);
        assertThat(profile.get("name").asText()).isEqualTo("张三");
        assertThat(profile.get("identities").findValuesAsText("idValue")).containsExactlyInAnyOrder(crm(1), "+86" + buyerPhone);
        assertThat(db.queryForList("select product from purchase where customer_id = ? order by order_ref", String.class, buyer))
                .containsExactly("暑期班, 数学", "秋季班");
        assertThat(db.queryForObject("select amount_cents from purchase where order_ref = ?", Long.class, "O-" + batch + "-2"))
                .isEqualTo(299950L);

        var again = importAndWait(csv.getBytes(StandardCharsets.UTF_8), "UTF-8", Map.of());
        assertThat(counts(again)).as("re-importing the same file changes nothing").containsExactly(6L, 0L, 0L, 3L, 3L);
        assertThat(db.queryForObject("select count(*) from customer_identity where kind = 'CRM_ID' and id_value like ?",
                Integer.class, "CRM-" + batch + "%")).isEqualTo(2);
        assertThat(db.queryForObject("select count(*) from purchase where order_ref like ?", Integer.class,
                "O-" + batch + "%")).isEqualTo(2);

        var lead = api.post("/api/leads", ADMIN, Map.of("channelCode", channel(), "name", "张三", "phone", buyerPhone));
        assertThat(lead.json().get("outcome").asText()).as("an imported buyer is a past buyer").isEqualTo("PAST_BUYER");
        assertThat(lead.json().get("customerId").asText()).isEqualTo(buyer);
    }

    @Test
    void aGbkExportWithItsOwnHeadersIsImportedThroughAHeaderMapping() throws Exception {
        String phone = Leads.newPhone();
        String csv = "编号,家长姓名,联系电话,备注\n" + crm(7) + ",欧阳娜娜," + phone + ",老客户\n";
        byte[] gbk = csv.getBytes(Charset.forName("GBK"));

        var done = importAndWait(gbk, "GBK", Map.of("crmId", "编号", "name", "家长姓名", "phone", "联系电话"));

        assertThat(counts(done)).containsExactly(1L, 1L, 0L, 0L, 0L);
        var profile = api.get("/api/customers/" + customerOf(crm(7)), ADMIN).json();
        assertThat(profile.get("name").asText()).isEqualTo("欧阳娜娜");
        assertThat(profile.get("stage").asText()).isEqualTo("SILENT");

        var misread = upload(gbk, "UTF-8", Map.of("crmId", "编号", "phone", "联系电话"));
        assertThat(misread.statusCode()).as("GBK bytes are not silently read as UTF-8").isEqualTo(400);
        assertThat(JSON.readTree(misread.body()).get("field").asText()).isEqualTo("charset");
    }

    @Test
    void anUploadWithoutAPhoneColumnOrWithAnUnknownCharsetIsRefused() throws Exception {
        var noPhone = upload("姓名,备注\n张三,x\n".getBytes(StandardCharsets.UTF_8), "UTF-8", Map.of());
        assertThat(noPhone.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noPhone.body()).get("field").asText()).isEqualTo("map.phone");
        var big5 = upload("手机号\n13900000000\n".getBytes(StandardCharsets.UTF_8), "Big5", Map.of());
        assertThat(JSON.readTree(big5.body()).get("field").asText()).isEqualTo("charset");
        var asRep = HttpClient.newHttpClient().send(request("/api/imports", rep, Api.REP_PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofString("手机号\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(asRep.statusCode()).isEqualTo(403);
    }

    private String crm(int n) {
        return "CRM-" + batch + "-" + n;
    }

    private String customerOf(String crmId) {
        return db.queryForObject("select customer_id from customer_identity where kind = 'CRM_ID' and id_value = ?",
                String.class, crmId);
    }

    private String channel() {
        return api.post("/api/channels", ADMIN, Map.of("name", "老客回流", "staff", List.of(rep))).json().get("code").asText();
    }

    private static List<Long> counts(JsonNode progress) {
        return List.of(progress.get("rowsRead").asLong(), progress.get("rowsCreated").asLong(),
                progress.get("rowsUpdated").asLong(), progress.get("rowsUnchanged").asLong(),
                progress.get("rowsFailed").asLong());
    }

    /** Waits for the background import to finish: a bounded poll of its progress, as a script would. */
    private JsonNode importAndWait(byte[] file, String charset, Map<String, String> mapping) throws Exception {
        var started = upload(file, charset, mapping);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long id = JSON.readTree(started.body()).get("id").asLong();
        for (int poll = 0; poll < 600; poll++) {
            var progress = api.get("/api/imports/" + id, ADMIN).json();
            if (!progress.get("status").asText().equals("RUNNING")) {
                return progress;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " did not finish");
    }

    private HttpResponse<String> upload(byte[] file, String charset, Map<String, String> mapping) throws Exception {
        var query = new StringBuilder("/api/imports?fileName=crm.csv&charset=" + charset);
        mapping.forEach((field, header) -> query.append("&map.").append(field).append('=')
                .append(URLEncoder.encode(header, StandardCharsets.UTF_8)));
        return HttpClient.newHttpClient().send(request(query.toString(), ADMIN, Api.ADMIN_PASSWORD)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String user, String password) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
}
