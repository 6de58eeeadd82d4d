package io.nurtureflow.workspace;

import io.nurtureflow.system.CurrentUser;
import io.nurtureflow.system.UserDirectory;
import io.nurtureflow.wecom.JsSdk;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The workspace page; what it reads comes from the JSON API (WorkspaceApi and the others). */
@Controller
class WorkspaceController {

    private final ObjectProvider<JsSdk> jsSdk;
    private final UserDirectory users;
    private final String jsSdkScript;

    WorkspaceController(ObjectProvider<JsSdk> jsSdk, UserDirectory users,
                        @Value("${nurture.workspace.jssdk-script:https://res.wx.qq.com/open/js/jweixin-1.2.0.js}")
                        String jsSdkScript) {
        this.jsSdk = jsSdk;
        this.users = users;
        this.jsSdkScript = jsSdkScript;
    }

    @GetMapping("/m")
    String page(Model model) {
        var user = CurrentUser.get();
        model.addAttribute("displayName", users.displayName(user.username()));
        // WeCom's JS-SDK is loaded only where it can work: with the app configured
        model.addAttribute("jsSdkScript", jsSdk.getIfAvailable() == null ? null : jsSdkScript);
        return "workspace";
    }
}
