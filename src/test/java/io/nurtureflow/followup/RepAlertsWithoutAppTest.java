package io.nurtureflow.followup;

import io.nurtureflow.support.RunningService;
import io.nurtureflow.support.Scenario;
import io.nurtureflow.support.ServiceTest;
import io.nurtureflow.support.WeComApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** WeCom configured for 客户联系 but without the self-built app's agent id and secret: alerts are kept, not sent. */
@ServiceTest
class RepAlertsWithoutAppTest extends RunningService {

    private static final AtomicInteger IDS = new AtomicInteger();
    @RegisterExtension
    static final WeComApi WECOM = new WeComApi(call -> call.path().equals("/cgi-bin/externalcontact/add_contact_way")
            ? WeComApi.json("{\"errcode\":0,\"errmsg\":\"ok\",\"config_id\":\"cfg-" + IDS.incrementAndGet() + "\"}")
            : WeComApi.json("{\"errcode\":0,\"errmsg\":\"ok\"}"));

    @Autowired
    AlertSender sender;

    @DynamicPropertySource
    static void wecom(DynamicPropertyRegistry registry) {
        WECOM.configure(registry);
    }

    @Test
    void withoutTheAppsSettingsAnAlertIsRecordedAndHeldButNeverSent() {
        String rep = api.newUser("rep", "REP");
        Scenario.leadOf(api, rep);

        sender.sendDue();
        var rows = new AlertRows(db);
        rows.await(rep, "HELD");

        var alerts = rows.of(rep);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0)).containsEntry("kind", "FIRST_CONTACT").containsEntry("state", "HELD");
        assertThat(WECOM.calls("/cgi-bin/message/send")).isEmpty();
        assertThat(WECOM.calls("/cgi-bin/gettoken")).allMatch(c -> c.query().get("corpsecret").equals("test-secret"));
    }
}
