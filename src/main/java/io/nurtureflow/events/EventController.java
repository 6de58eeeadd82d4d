package io.nurtureflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nurtureflow.system.BadInput;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.function.Supplier;

@RestController
class EventController {

    private static final int ATTEMPTS = 5;

    private final EventInbox inbox;
    private final ObjectMapper json;

    EventController(EventInbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    /** One event as an object, or a batch as an array. */
    @PostMapping("/api/events")
    @ResponseStatus(HttpStatus.ACCEPTED)
    EventInbox.Accepted receive(@RequestBody JsonNode body) {
        if (body.isArray()) {
            if (body.size() > EventInbox.MAX_BATCH) {
                throw new BadInput("events", "Send at most " + EventInbox.MAX_BATCH + " events at a time.");
            }
            var batch = new ArrayList<IncomingEvent>(body.size());
            for (int i = 0; i < body.size(); i++) {
                batch.add(read(body.get(i), "[" + i + "]"));
            }
            return retried(() -> inbox.acceptBatch(batch));
        }
        var event = read(body, "");
        return retried(() -> inbox.accept(event));
    }

    /**
     * Concurrent intakes for the same customers can meet in the database (a deadlock, a first score written
     * twice); the loser's transaction is rolled back whole, so taking it again is safe.
     */
    private static EventInbox.Accepted retried(Supplier<EventInbox.Accepted> intake) {
        for (int attempt = 1; ; attempt++) {
            try {
                return intake.get();
            } catch (TransientDataAccessException contention) {
                if (attempt == ATTEMPTS) {
                    throw contention;
                }
            }
        }
    }

    private IncomingEvent read(JsonNode node, String prefix) {
        if (!node.isObject()) {
            throw new BadInput(prefix.isEmpty() ? "body" : prefix, "An event must be a JSON object.");
        }
        try {
            return json.treeToValue(node, IncomingEvent.class);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            String field = e.getPath().isEmpty() ? "body" : e.getPath().get(0).getFieldName();
            throw new BadInput(prefix.isEmpty() ? field : prefix + "." + field,
                    "'" + field + "' has the wrong format (times are ISO-8601, e.g. 2026-11-22T10:15:30Z).");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInput(prefix.isEmpty() ? "body" : prefix, "The event is not valid JSON.");
        }
    }
}
