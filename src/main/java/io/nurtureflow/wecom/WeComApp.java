package io.nurtureflow.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Map;

/**
 * The corp's self-built app (自建应用) as WeCom sees it: calls made with the app's own access token (gettoken with
 * the app's secret, developer.work.weixin.qq.com/document/path/91039), which app messages, web sign-in and the
 * app's JS-SDK ticket need. Present only when {@code nurture.wecom.agent-id} and {@code agent-secret} are set.
 */
@Component
@ConditionalOnExpression("'${nurture.wecom.corp-id:}' != '' && '${nurture.wecom.agent-secret:}' != ''"
        + " && '${nurture.wecom.agent-id:}' != ''")
public class WeComApp {

    private final WeComClient client;
    private final WeComSettings settings;

    WeComApp(WeComSettings settings, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.client = new WeComClient(settings.asApp(), json, clock);
    }

    public int agentId() {
        return settings.agentId();
    }

    public String corpId() {
        return settings.corpId();
    }

    JsonNode get(String path, Map<String, String> query) {
        return client.get(path, query);
    }

    JsonNode post(String path, Object body) {
        return client.post(path, body);
    }
}
