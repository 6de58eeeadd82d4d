package io.nurtureflow.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nurtureflow.customer.Customer;
import io.nurtureflow.customer.Customers;
import io.nurtureflow.customer.IdentityKind;
import io.nurtureflow.customer.PhoneNumbers;
import io.nurtureflow.customer.Timeline;
import io.nurtureflow.system.BadInput;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Stores behaviour events before anything else looks at them. Whether the engine can take an event at this
 * instant does not matter: what is stored is handed on after commit, and again later if that fails. An event
 * for a customer we do not know yet is parked under the identity it named, and applied when that identity
 * appears.
 */
@Service
public class EventInbox {

    public static final int MAX_BATCH = 1000;
    private static final int PAYLOAD_LENGTH = 4000;
    private static final String PHONE = "phone:";
    private static final String EXTERNAL = "external:";
    private static final String ID = "id:";
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private final EventMapper events;
    private final Customers customers;
    private final Timeline timeline;
    private final EngagementScores scores;
    private final ResponseLedger responses;
    private final ApplicationEventPublisher publisher;
    private final ObjectMapper json;
    private final Clock clock;

    EventInbox(EventMapper events, Customers customers, Timeline timeline, EngagementScores scores,
               ResponseLedger responses, ApplicationEventPublisher publisher, ObjectMapper json, Clock clock) {
        this.events = events;
        this.customers = customers;
        this.timeline = timeline;
        this.scores = scores;
        this.responses = responses;
        this.publisher = publisher;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public Accepted accept(IncomingEvent event) {
        return store(List.of(event), false);
    }

    /** All or nothing: one bad event rejects the batch, naming it by index, before anything is written. */
    @Transactional
    public Accepted acceptBatch(List<IncomingEvent> batch) {
        return store(batch, true);
    }

    private Accepted store(List<IncomingEvent> batch, boolean indexed) {
        if (batch.isEmpty() || batch.size() > MAX_BATCH) {
            throw new BadInput("events", "Send between 1 and " + MAX_BATCH + " events at a time.");
        }
        var known = new HashMap<String, Optional<Customer>>();
        var rows = new ArrayList<EventMapper.EventRow>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            rows.add(validate(batch.get(i), indexed ? "[" + i + "]." : "", known));
        }
        int stored = 0;
        int duplicates = 0;
        int parked = 0;
        var tally = scores.tally(rows.stream().map(row -> row.customerId).filter(Objects::nonNull).toList());
        for (var row : rows) {
            if (!insert(row)) {
                duplicates++;
                continue;
            }
            stored++;
            if (row.customerId == null) {
                parked++;
                continue;
            }
            apply(row, indexed, tally);
        }
        tally.flush();
        return new Accepted(stored, duplicates, parked);
    }

    /**
     * Parked events naming any of these identities now belong to the customer: they are scored, put on the
     * timeline and handed to the lifecycle as if they had just arrived. Safe to repeat.
     */
    @Transactional
    public int applyParked(String customerId, String phone, String externalUserId) {
        var refs = new ArrayList<String>();
        refs.add(ID + customerId);
        if (phone != null) {
            refs.add(PHONE + phone);
        }
        if (externalUserId != null) {
            refs.add(EXTERNAL + externalUserId);
        }
        return applyParked(events.parkedFor(refs), customerId);
    }

    /** The safety net behind {@link #applyParked(String, String, String)}: looks every parked event up again. */
    @Transactional
    public int applyParked(int limit) {
        int applied = 0;
        for (var row : events.parked(limit)) {
            var customer = find(row.customerRef);
            if (customer.isPresent()) {
                applied += applyParked(List.of(row), customer.get().id());
            }
        }
        return applied;
    }

    private int applyParked(Collection<EventMapper.EventRow> parked, String customerId) {
        int applied = 0;
        var tally = scores.tally(List.of(customerId));
        for (var row : parked) {
            row.customerId = customerId;
            row.status = row.signalName == Signal.NONE ? "RECORDED" : "RECEIVED";
            if (events.attach(row.id, customerId, row.status) == 1) {
                apply(row, parked.size() > 1, tally);
                applied++;
            }
        }
        tally.flush();
        return applied;
    }

    /** Scored, on the timeline, and handed on when it means something to the lifecycle. */
    private void apply(EventMapper.EventRow row, boolean batched, EngagementScores.Tally tally) {
        var score = tally.add(row.customerId, row.type, contentTag(row.payload));
        responses.responded(row.id, row.customerId, row.type, row.occurredAt);
        timeline.record(row.customerId, "EVENT", row.type + (row.payload == null ? "" : " " + row.payload)
                + " (score " + score.before() + " → " + score.after() + ")");
        Signal signal = row.signalName;
        if (signal == Signal.NONE && score.crossedThreshold()) {
            signal = Signal.ENGAGED;
            timeline.record(row.customerId, "SCORE", "Score crossed " + scores.threshold() + ": treated as intent");
            events.setSignal(row.id, signal, "RECEIVED");
        }
        if (signal != Signal.NONE) {
            publisher.publishEvent(new BehaviourObserved(row.id, row.customerId, signal, batched));
        }
    }

    public List<StoredEvent> pending(int limit) {
        return events.pending(limit);
    }

    /** Takes a received event for correlation; false when another node or thread already has it. */
    @Transactional
    public boolean claim(long inboxId) {
        return events.markHandled(inboxId, "CORRELATED", null, clock.instant()) == 1;
    }

    @Transactional
    public void markHandled(long inboxId, String status, String reason) {
        events.markHandled(inboxId, status, reason, clock.instant());
    }

    /** The unique event id decides: a repeat (or a concurrent first delivery) is refused by the database. */
    private boolean insert(EventMapper.EventRow row) {
        try {
            events.insert(row);
            return true;
        } catch (DuplicateKeyException concurrentDelivery) {
            return false;
        }
    }

    private EventMapper.EventRow validate(IncomingEvent event, String prefix, Map<String, Optional<Customer>> known) {
        if (event == null) {
            throw new BadInput(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1), "An event is empty.");
        }
        if (event.eventId() == null || event.eventId().isBlank() || event.eventId().length() > 64) {
            throw new BadInput(prefix + "eventId", prefix + "eventId is required, at most 64 characters.");
        }
        var type = EventType.parse(event.type()).orElseThrow(() -> new BadInput(prefix + "type",
                prefix + "type must be one of " + List.of(EventType.values()) + "."));
        var row = new EventMapper.EventRow();
        row.eventId = event.eventId();
        row.type = type;
        row.signalName = type.signal();
        row.occurredAt = occurredAt(event, prefix);
        row.receivedAt = clock.instant();
        row.payload = payload(event, prefix);
        row.customerRef = reference(event, prefix);
        if (row.customerRef.length() > 140) {
            throw new BadInput(prefix + "customerId", prefix + "the customer reference is too long.");
        }
        var customer = known.computeIfAbsent(row.customerRef, this::find);
        row.customerId = customer.map(Customer::id).orElse(null);
        row.status = customer.isEmpty() ? "PARKED" : type.signal() == Signal.NONE ? "RECORDED" : "RECEIVED";
        return row;
    }

    /** Behaviour happened after the platform existed and not later than tomorrow (a caller's clock may run ahead). */
    private Instant occurredAt(IncomingEvent event, String prefix) {
        if (event.occurredAt() == null) {
            return clock.instant();
        }
        if (event.occurredAt().isBefore(EARLIEST) || event.occurredAt().isAfter(clock.instant().plus(Duration.ofDays(1)))) {
            throw new BadInput(prefix + "occurredAt", prefix + "occurredAt must lie between " + EARLIEST
                    + " and a day from now.");
        }
        return event.occurredAt();
    }

    /** The identity as we store it, so a parked event can be looked up again: phones normalised. */
    private static String reference(IncomingEvent event, String prefix) {
        if (event.customerId() != null) {
            return ID + event.customerId();
        }
        if (event.phone() != null) {
            return PHONE + PhoneNumbers.normalize(event.phone(), prefix + "phone");
        }
        if (event.externalUserId() != null && !event.externalUserId().isBlank()) {
            return EXTERNAL + event.externalUserId();
        }
        throw new BadInput(prefix + "customerId", prefix + "customerId, phone or externalUserId is required.");
    }

    private Optional<Customer> find(String reference) {
        if (reference.startsWith(ID)) {
            return customers.find(reference.substring(ID.length()));
        }
        if (reference.startsWith(PHONE)) {
            return customers.findByIdentity(IdentityKind.PHONE, reference.substring(PHONE.length()));
        }
        return customers.findByIdentity(IdentityKind.EXTERNAL_USER_ID, reference.substring(EXTERNAL.length()));
    }

    private String payload(IncomingEvent event, String prefix) {
        if (event.payload() == null || event.payload().isEmpty()) {
            return null;
        }
        try {
            String text = json.writeValueAsString(event.payload());
            if (text.length() > PAYLOAD_LENGTH) {
                throw new BadInput(prefix + "payload", prefix + "payload is larger than " + PAYLOAD_LENGTH + " characters.");
            }
            return text;
        } catch (JsonProcessingException e) {
            throw new BadInput(prefix + "payload", prefix + "payload is not serializable.");
        }
    }

    /** The content's tag (payload "contentTag"), which the scoring table may weigh. */
    private String contentTag(String payload) {
        if (payload == null) {
            return null;
        }
        try {
            var tag = json.readTree(payload).get("contentTag");
            return tag == null || !tag.isTextual() ? null : tag.asText();
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    public record Accepted(int accepted, int duplicates, int parked) {
    }
}
