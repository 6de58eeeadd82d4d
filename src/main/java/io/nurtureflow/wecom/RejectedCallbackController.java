package io.nurtureflow.wecom;

import io.nurtureflow.system.BadInput;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Signed WeCom deliveries that were answered "success" but could not be used: what an admin follows up on. */
@RestController
class RejectedCallbackController {

    private static final int MOST = 500;

    private final CallbackDispatcher dispatcher;

    RejectedCallbackController(CallbackDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @GetMapping("/api/wecom/callbacks/rejected")
    List<CallbackReceipt> rejected(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MOST) {
            throw new BadInput("limit", "limit must be between 1 and " + MOST + ".");
        }
        return dispatcher.rejected(limit);
    }
}
