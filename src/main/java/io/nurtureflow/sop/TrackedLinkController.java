package io.nurtureflow.sop;

import io.nurtureflow.events.EventInbox;
import io.nurtureflow.events.EventType;
import io.nurtureflow.events.IncomingEvent;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/** A link in pushed content: records who clicked which step, when the link names its customer, then sends them on. */
@RestController
class TrackedLinkController {

    private final Pushes pushes;
    private final EventInbox inbox;
    private final Clock clock;

    TrackedLinkController(Pushes pushes, EventInbox inbox, Clock clock) {
        this.pushes = pushes;
        this.inbox = inbox;
        this.clock = clock;
    }

    @GetMapping("/l/{token}")
    ResponseEntity<Void> open(@PathVariable String token) {
        var link = pushes.link(token).orElse(null);
        if (link == null) {
            return ResponseEntity.notFound().build();
        }
        // a click on a link of a many-customer batch cannot name its customer: it is not an event of anyone's
        if (link.customerId() != null) {
            inbox.accept(new IncomingEvent("link-" + UUID.randomUUID(), link.customerId(), null, null,
                    EventType.LINK_CLICKED.name(), clock.instant(),
                    Map.of("token", token, "stepNo", link.stepNo(), "url", link.targetUrl())));
        }
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, link.targetUrl()).build();
    }
}
