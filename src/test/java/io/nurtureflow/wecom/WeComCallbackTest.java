package io.nurtureflow.wecom;

import io.nurtureflow.support.CallbackEndpoint;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.RunningService;
import io.nurtureflow.support.Scenario;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ThreadLocalRandom;

import static io.nurtureflow.support.Api.ADMIN;
import static io.nurtureflow.support.WeComStandIn.CORP_ID;
import static io.nurtureflow.support.WeComStandIn.contactAdded;
import static io.nurtureflow.support.WeComStandIn.contactChange;
import static io.nurtureflow.support.WeComStandIn.envelope;
import static io.nurtureflow.support.WeComStandIn.seal;
import static io.nurtureflow.support.WeComStandIn.sign;
import static org.assertj.core.api.Assertions.assertThat;

/** The running endpoint, configured with WeCom's published sample token, EncodingAESKey and corp id. */
@ServiceTest
class WeComCallbackTest extends RunningService {

    /** From WeCom's callback documentation and SDK samples (加解密方案说明). */
    static final String SAMPLE_ECHOSTR = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
    static final String SAMPLE_ENCRYPT = "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";


    CallbackEndpoint callback;

    @BeforeEach
    void endpoint() {
        callback = new CallbackEndpoint(port);
    }

    @Test
    void wecomsPublishedUrlVerificationSamplePassesTheEndpoint() {
        var answer = callback.get("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014780", SAMPLE_ECHOSTR);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("1616140317555161061");
    }

    @Test
    void wecomsPublishedMessageSampleIsOpenedAndRecordedOnce() {
        var first = callback.post("477715d11cdb4164915debcba66cb864d751f3e6", "1409659813", "1372623149", envelope(SAMPLE_ENCRYPT));
        var replay = callback.post("477715d11cdb4164915debcba66cb864d751f3e6", "1409659813", "1372623149", envelope(SAMPLE_ENCRYPT));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("success");
        assertThat(replay.statusCode()).as("WeCom's retry is answered as a success").isEqualTo(200);
        assertThat(receipts("mycreate")).as("the sample (FromUserName mycreate) is recorded once").isEqualTo(1);
    }

    @Test
    void forgedTamperedAndForeignDeliveriesAreRejectedAndNothingIsStored() {
        String externalUserId = Scenario.externalUserId();
        long at = 1_700_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);
        String sealed = seal(contactChange("del_follow_user", "rep", externalUserId, at), CORP_ID);

        var forged = callback.post("0".repeat(40), "1700000000", "42", envelope(sealed));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("\"field\":\"msg_signature\"");

        char[] chars = sealed.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        String tampered = new String(chars);
        var broken = callback.post(sign("1700000000", "43", tampered), "1700000000", "43", envelope(tampered));
        assertThat(broken.statusCode()).isEqualTo(400);

        String foreign = seal(contactChange("del_follow_user", "rep", externalUserId, at), "ww-some-other-corp");
        var wrongCorp = callback.post(sign("1700000000", "44", foreign), "1700000000", "44", envelope(foreign));
        assertThat(wrongCorp.statusCode()).isEqualTo(400);
        assertThat(wrongCorp.body()).contains("receive id");

        assertThat(db.queryForObject("select count(*) from wecom_callback_receipt where create_time = ?", Integer.class, at))
                .isZero();
        assertThat(db.queryForObject("select count(*) from behaviour_event where customer_ref = ?", Integer.class,
                "external:" + externalUserId)).isZero();
    }

    @Test
    void aCallbackWithoutItsSignatureIsRejectedNamingTheMissingParameter() {
        var unsigned = callback.getWith("timestamp=1409659589&nonce=263014780&echostr="
                + java.net.URLEncoder.encode(SAMPLE_ECHOSTR, java.nio.charset.StandardCharsets.UTF_8));

        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(unsigned.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(unsigned.body()).contains("\"field\":\"msg_signature\"");
    }

    @Test
    void theCustomerDeletingTheRepChurnsTheLeadOnceEvenWhenWeComRetries() {
        String rep = api.newUser("rep", "REP");
        String externalUserId = Scenario.externalUserId();
        String customerId = Scenario.lead(api, Scenario.channelOf(api, rep), Leads.newPhone(), externalUserId);
        long at = 1_700_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);
        String message = contactChange("del_follow_user", rep, externalUserId, at);

        var delivered = callback.deliver(message);
        var retried = callback.deliver(message);

        assertThat(delivered.statusCode()).isEqualTo(200);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(db.queryForObject("select count(*) from behaviour_event where customer_id = ? and type = ?",
                Integer.class, customerId, "CUSTOMER_DELETED_STAFF")).isEqualTo(1);
        assertThat(api.get("/api/customers/" + customerId, ADMIN).json().get("stage").asText()).isEqualTo("CHURNED");
        assertThat(api.get("/api/me/tasks", rep).json()).as("churn ends the open first-contact task").isEmpty();
    }

    @Test
    void aCustomerAnotherRepStillHasIsNotChurnedUntilTheLastRelationEnds() {
        String rep = api.newUser("rep", "REP");
        String colleague = api.newUser("rep", "REP");
        String externalUserId = Scenario.externalUserId();
        String customerId = Scenario.lead(api, Scenario.channelOf(api, rep), Leads.newPhone(), externalUserId);
        long at = 1_700_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);
        for (String each : java.util.List.of(rep, colleague)) {
            assertThat(callback.deliver(contactAdded(each, externalUserId, "no-such-code", "WELCOME-" + each, at))
                    .statusCode()).isEqualTo(200);
        }

        assertThat(callback.deliver(contactChange("del_follow_user", rep, externalUserId, at + 1)).statusCode()).isEqualTo(200);
        assertThat(callback.deliver(contactChange("del_external_contact", rep, externalUserId, at + 2)).statusCode()).isEqualTo(200);

        assertThat(api.get("/api/customers/" + customerId, ADMIN).json().get("stage").asText())
                .as("the colleague can still reach them").isEqualTo("NURTURING");
        assertThat(db.queryForList("select type from behaviour_event where customer_id = ? order by id", String.class,
                customerId)).containsExactly("FOLLOW_ENDED", "FOLLOW_ENDED");

        assertThat(callback.deliver(contactChange("del_follow_user", colleague, externalUserId, at + 3)).statusCode()).isEqualTo(200);

        assertThat(db.queryForList("select type from behaviour_event where customer_id = ? order by id", String.class,
                customerId)).containsExactly("FOLLOW_ENDED", "FOLLOW_ENDED", "CUSTOMER_DELETED_STAFF");
        assertThat(api.get("/api/customers/" + customerId, ADMIN).json().get("stage").asText()).isEqualTo("CHURNED");
    }

    @Test
    void editsAreRecordedAndTheRepDeletingTheCustomerEndsNurture() {
        String rep = api.newUser("rep", "REP");
        String externalUserId = Scenario.externalUserId();
        String customerId = Scenario.lead(api, Scenario.channelOf(api, rep), Leads.newPhone(), externalUserId);
        long at = 1_700_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);

        assertThat(callback.deliver(contactChange("edit_external_contact", rep, externalUserId, at)).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/customers/" + customerId, ADMIN).json().get("stage").asText()).isEqualTo("NURTURING");
        assertThat(callback.deliver(contactChange("del_external_contact", rep, externalUserId, at + 1)).statusCode()).isEqualTo(200);

        assertThat(db.queryForList("select type from behaviour_event where customer_id = ? order by id", String.class,
                customerId)).containsExactly("CONTACT_EDITED", "STAFF_DELETED_CUSTOMER");
        assertThat(api.get("/api/customers/" + customerId, ADMIN).json().get("stage").asText()).isEqualTo("CHURNED");
    }

    private int receipts(String fromUser) {
        return db.queryForObject("select count(*) from wecom_callback_receipt where from_user = ?", Integer.class, fromUser);
    }
}
