package io.nurtureflow.customer;

import io.nurtureflow.system.CurrentUser;
import io.nurtureflow.system.Forbidden;
import io.nurtureflow.system.Masking;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/customers")
class CustomerController {

    private static final int TIMELINE_LENGTH = 200;

    private final Customers customers;
    private final Timeline timeline;
    private final TagReader tags;
    private final CustomerSearch search;
    private final WeComFollows follows;

    CustomerController(Customers customers, Timeline timeline, TagReader tags, CustomerSearch search,
                       WeComFollows follows) {
        this.customers = customers;
        this.follows = follows;
        this.timeline = timeline;
        this.tags = tags;
        this.search = search;
    }

    /** Newest first; page counts from 0. A phone is matched in any spelling intake accepts, a name by its start. */
    @GetMapping
    CustomerSearch.Page search(@RequestParam(required = false) String phone,
                               @RequestParam(required = false) String name,
                               @RequestParam(required = false) String tag,
                               @RequestParam(required = false) Stage stage,
                               @RequestParam(required = false) String owner,
                               @RequestParam(defaultValue = "0") int page,
                               @RequestParam(defaultValue = "" + CustomerQuery.DEFAULT_SIZE) int size) {
        return search.search(CurrentUser.get(), phone, name, tag, stage, owner, page, size);
    }

    @GetMapping("/{id}")
    Profile profile(@PathVariable String id) {
        var user = CurrentUser.get();
        var customer = customers.get(id);
        if (!user.mayRead(customer.ownerRep())) {
            throw new Forbidden("Customer " + id + " belongs to another rep.");
        }
        boolean full = user.maySeeIdentities(customer.ownerRep());
        var identities = customers.identities(id).stream()
                .map(i -> new Identity(i.kind(), full ? i.idValue() : mask(i)))
                .toList();
        return new Profile(customer.id(), customer.name(), customer.ownerRep(), customer.stage(), customer.score(),
                customer.layer(), customer.channelId(), customer.mergedInto(), identities, tags.tagsOf(id),
                follows.of(id).stream().map(f -> new WeComRelation(f.rep(), f.addedAt(), f.removedAt(), f.removedBy()))
                        .toList(),
                timeline.latest(id, TIMELINE_LENGTH), customers.consents(id));
    }

    /** Enough for a sales lead to tell two records apart, not enough to contact the person behind the owner's back. */
    private static String mask(Identity identity) {
        String value = identity.idValue();
        return switch (identity.kind()) {
            case PHONE -> Masking.phone(value);
            case EMAIL -> value.charAt(0) + "***" + value.substring(value.indexOf('@'));
            default -> "****";
        };
    }

    record Profile(String id, String name, String owner, Stage stage, int score, String layer, Long channelId,
                   String mergedInto, List<Identity> identities, List<String> tags, List<WeComRelation> wecomFollows,
                   List<TimelineEntry> timeline, List<LeadConsent> consents) {
    }

    /** Which rep has the customer in WeCom; a relation either side deleted has {@code removedAt} and who did. */
    record WeComRelation(String rep, Instant addedAt, Instant removedAt, WeComFollow.RemovedBy removedBy) {
    }
}
