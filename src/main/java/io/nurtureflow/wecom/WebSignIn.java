package io.nurtureflow.wecom;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in from inside the WeCom client (网页授权登录, developer.work.weixin.qq.com/document/path/91022 and 91023):
 * the page sends the browser to WeCom's authorize URL with scope snsapi_base, WeCom comes back with a one-time
 * {@code code}, and cgi-bin/auth/getuserinfo turns it into the member's userid. A non-member (an external contact
 * opening the link) gets an openid instead, never a userid, and is not signed in.
 */
@Component
@ConditionalOnExpression("'${nurture.wecom.corp-id:}' != '' && '${nurture.wecom.agent-secret:}' != ''"
        + " && '${nurture.wecom.agent-id:}' != ''")
public class WebSignIn {

    private final WeComApp app;
    /** WeCom's authorize page; configurable so a test's stand-in can play it */
    private final String authorize;

    WebSignIn(WeComApp app, @Value("${nurture.wecom.authorize-url:https://open.weixin.qq.com/connect/oauth2/authorize}")
              String authorize) {
        this.app = app;
        this.authorize = authorize;
    }

    /** Where to send the browser; WeCom returns to {@code returnTo} with code and this state. */
    public String authorizeUrl(String returnTo, String state) {
        return authorize + "?appid=" + app.corpId() + "&redirect_uri=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8)
                + "&response_type=code&scope=snsapi_base&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8)
                + "&agentid=" + app.agentId() + "#wechat_redirect";
    }

    /** The member the code was issued to; empty for a non-member. WeCom's errcode (a used or stale code) is thrown. */
    public Optional<String> userIdFor(String code) {
        String userId = app.get("/cgi-bin/auth/getuserinfo", Map.of("code", code)).path("userid").asText("");
        return userId.isEmpty() ? Optional.empty() : Optional.of(userId);
    }
}
