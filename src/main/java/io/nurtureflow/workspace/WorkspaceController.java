package io.nurtureflow.workspace;

import io.nurtureflow.customer.Customers;
import io.nurtureflow.customer.IdentityKind;
import io.nurtureflow.system.CurrentUser;
import io.nurtureflow.system.Forbidden;
import io.nurtureflow.system.NotFound;
import io.nurtureflow.system.UserDirectory;
import io.nurtureflow.wecom.JsSdk;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The workspace page and the two facts only it needs: the JS-SDK configuration for the page's URL, and which of
 * our customers the WeCom contact of the open chat is.
 */
@Controller
class WorkspaceController {

    private final ObjectProvider<JsSdk> jsSdk;
    private final Customers customers;
    private final UserDirectory users;
    private final String jsSdkScript;

    WorkspaceController(ObjectProvider<JsSdk> jsSdk, Customers customers, UserDirectory users,
                        @Value("${nurture.workspace.jssdk-script:https://res.wx.qq.com/open/js/jweixin-1.2.0.js}")
                        String jsSdkScript) {
        this.jsSdk = jsSdk;
        this.customers = customers;
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

    @GetMapping("/api/workspace/jssdk")
    @ResponseBody
    JsSdk.Config jsSdkConfig(@RequestParam String url) {
        var sdk = jsSdk.getIfAvailable();
        if (sdk == null) {
            throw new NotFound("WeCom's app is not configured (nurture.wecom.agent-id, agent-secret).");
        }
        return sdk.configFor(url);
    }

    @GetMapping("/api/workspace/contacts/{externalUserId}")
    @ResponseBody
    ChatCustomer customerOfContact(@PathVariable String externalUserId) {
        var customer = customers.findByIdentity(IdentityKind.EXTERNAL_USER_ID, externalUserId)
                .orElseThrow(() -> new NotFound("This WeCom contact is not one of our customers yet."));
        if (!CurrentUser.get().mayRead(customer.ownerRep())) {
            throw new Forbidden("This customer belongs to another rep.");
        }
        return new ChatCustomer(customer.id(), customer.name());
    }

    record ChatCustomer(String customerId, String name) {
    }
}
