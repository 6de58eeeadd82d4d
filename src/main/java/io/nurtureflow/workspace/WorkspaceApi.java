package io.nurtureflow.workspace;

import io.nurtureflow.customer.Customers;
import io.nurtureflow.customer.IdentityKind;
import io.nurtureflow.sop.Contents;
import io.nurtureflow.system.CurrentUser;
import io.nurtureflow.system.Forbidden;
import io.nurtureflow.system.NotFound;
import io.nurtureflow.wecom.JsSdk;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The two facts only the workspace needs: the JS-SDK configuration for its URL, and the customer of the open chat. */
@RestController
class WorkspaceApi {

    private final ObjectProvider<JsSdk> jsSdk;
    private final Customers customers;
    private final Contents contents;

    WorkspaceApi(ObjectProvider<JsSdk> jsSdk, Customers customers, Contents contents) {
        this.jsSdk = jsSdk;
        this.customers = customers;
        this.contents = contents;
    }

    @GetMapping("/api/workspace/jssdk")
    JsSdk.Config jsSdkConfig(@RequestParam String url) {
        var sdk = jsSdk.getIfAvailable();
        if (sdk == null) {
            throw new NotFound("WeCom's app is not configured (nurture.wecom.agent-id, agent-secret).");
        }
        return sdk.configFor(url);
    }

    @GetMapping("/api/workspace/contacts/{externalUserId}")
    ChatCustomer customerOfContact(@PathVariable String externalUserId) {
        var customer = customers.findByIdentity(IdentityKind.EXTERNAL_USER_ID, externalUserId)
                .orElseThrow(() -> new NotFound("This WeCom contact is not one of our customers yet."));
        if (!CurrentUser.get().mayRead(customer.ownerRep())) {
            throw new Forbidden("This customer belongs to another rep.");
        }
        return new ChatCustomer(customer.id(), customer.name());
    }

    /**
     * The SOP content library as this customer would read it, for the rep to put into the chat by hand (a link
     * attachment goes as WeCom's news card); only for a customer the caller may see.
     */
    @GetMapping("/api/workspace/contents")
    List<Contents.Rendered> contents(@RequestParam String customerId) {
        var customer = customers.get(customerId);
        if (!CurrentUser.get().mayRead(customer.ownerRep())) {
            throw new Forbidden("This customer belongs to another rep.");
        }
        return contents.libraryFor(customer);
    }

    record ChatCustomer(String customerId, String name) {
    }
}
