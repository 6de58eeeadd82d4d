package io.nurtureflow.workspace;

import io.nurtureflow.system.SessionSignIn;
import io.nurtureflow.system.TimeConfig;
import io.nurtureflow.wecom.WeComException;
import io.nurtureflow.wecom.WebSignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * How a rep gets into the workspace: inside the WeCom client through WeCom's web sign-in (no password typed in a
 * sidebar), anywhere else through the normal login page. The state parameter ties WeCom's answer to the browser
 * that asked, so nobody can be signed in with someone else's code.
 */
@Controller
class SignInController {

    private static final Logger log = LoggerFactory.getLogger(SignInController.class);
    private static final String STATE = "nf.wecom-signin-state";
    /** WeCom's in-app browser says so in its user agent */
    private static final String WECOM_CLIENT = "wxwork";

    private final ObjectProvider<WebSignIn> wecom;
    private final SessionSignIn sessions;
    private final TimeConfig config;
    private final SecureRandom random = new SecureRandom();

    SignInController(ObjectProvider<WebSignIn> wecom, SessionSignIn sessions, TimeConfig config) {
        this.wecom = wecom;
        this.sessions = sessions;
        this.config = config;
    }

    @GetMapping("/m/signin")
    String start(@RequestHeader(name = "User-Agent", required = false) String userAgent, HttpServletRequest request) {
        var signIn = wecom.getIfAvailable();
        if (signIn == null || userAgent == null || !userAgent.toLowerCase().contains(WECOM_CLIENT)) {
            return "redirect:/login";
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String state = HexFormat.of().formatHex(bytes);
        request.getSession(true).setAttribute(STATE, state);
        return "redirect:" + signIn.authorizeUrl(config.baseUrl() + "/m/signin/wecom", state);
    }

    @GetMapping("/m/signin/wecom")
    String back(@RequestParam(required = false) String code, @RequestParam(required = false) String state,
                HttpServletRequest request, HttpServletResponse response, Model model) {
        var signIn = wecom.getIfAvailable();
        var session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(STATE);
        if (signIn == null || code == null || state == null || !state.equals(expected)) {
            return refused(response, model, "登录链接已失效，请从企业微信重新打开。");
        }
        session.removeAttribute(STATE);
        try {
            var userId = signIn.userIdFor(code);
            if (userId.isPresent() && sessions.signIn(userId.get(), request, response)) {
                return "redirect:/m";
            }
            log.info("WeCom sign-in refused: {} is not one of our users", userId.orElse("a non-member"));
            return refused(response, model, "您的企业微信账号还没有开通 NurtureFlow，请联系管理员。");
        } catch (WeComException e) {
            log.warn("WeCom sign-in failed ({}): {}", e.errcode(), e.getMessage());
            return refused(response, model, "企业微信登录失败，请稍后重试。");
        }
    }

    private static String refused(HttpServletResponse response, Model model, String message) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("message", message);
        return "signin-refused";
    }
}
