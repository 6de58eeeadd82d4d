package io.nurtureflow;

import ch.qos.logback.classic.Level;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.RunningService;
import io.nurtureflow.support.ServiceTest;
import io.nurtureflow.system.Masking;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.List;
import java.util.Map;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** What the running service writes to its log, its libraries' lines included, never shows a whole phone number. */
@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
class PhonesInLogsTest extends RunningService {

    @Test
    void aLeadsPhoneIsMaskedInOurLinesAndInTheLibrariesLines(CapturedOutput output) {
        String rep = api.newUser("rep", "REP");
        String code = api.post("/api/channels", ADMIN, Map.of("name", "日志脱敏", "staff", List.of(rep)))
                .json().get("code").asText();
        String phone = Leads.newPhone();
        String e164 = "+86" + phone;

        // MyBatis quotes every statement parameter at DEBUG, the identity we insert among them
        var statements = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.nurtureflow.customer.CustomerMapper");
        statements.setLevel(Level.DEBUG);
        try {
            assertThat(api.post("/api/leads", ADMIN, Map.of("channelCode", code, "phone", phone, "name", "孙悟空"))
                    .status()).isEqualTo(201);
        } finally {
            statements.setLevel(null);
        }
        // what Camunda logs when two intakes of one phone race and our identity insert loses
        LoggerFactory.getLogger("org.camunda.bpm.engine.context").error(
                "ENGINE-16004 Exception while closing command context: intake of " + phone,
                new IllegalStateException("Duplicate entry 'PHONE-" + e164 + "' for key 'uk_customer_identity'"));

        assertThat(output.getAll()).doesNotContain(phone)
                .contains(Masking.phone(e164) + "(String)")
                .contains("ENGINE-16004 Exception while closing command context: intake of " + Masking.phone(phone))
                .contains("Duplicate entry 'PHONE-" + Masking.phone(e164) + "'");
    }
}
