package io.nurtureflow.workspace;

import io.nurtureflow.customer.Customer;
import io.nurtureflow.customer.Customers;
import io.nurtureflow.sop.Contents;
import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.CurrentUser;
import io.nurtureflow.system.Forbidden;
import io.nurtureflow.system.NotFound;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;

/**
 * The 话术 library: admins write scripts, reps read them filled in for the customer in front of them. Filling
 * in is the SOP content's own rendering, so a script and a push read the same variables the same way.
 */
@Service
class Scripts {

    static final int TITLE_LENGTH = 40;
    static final int CATEGORY_LENGTH = 20;
    static final int BODY_LENGTH = 2000;

    private final ScriptMapper scripts;
    private final Contents contents;
    private final Customers customers;
    private final Clock clock;

    Scripts(ScriptMapper scripts, Contents contents, Customers customers, Clock clock) {
        this.scripts = scripts;
        this.contents = contents;
        this.customers = customers;
        this.clock = clock;
    }

    /** The library, each script also filled in for the customer when one is given (the rep may see). */
    List<Shown> active(String category, String customerId, CurrentUser user) {
        var all = scripts.active(category == null || category.isBlank() ? null : category.strip());
        if (customerId == null) {
            return all.stream().map(script -> new Shown(script, script.body())).toList();
        }
        var customer = readable(customerId, user);
        return all.stream().map(script -> new Shown(script, contents.preview(script.body(), List.of(), customer).text()))
                .toList();
    }

    Script save(Long id, NewScript script, String by) {
        var row = new ScriptMapper.ScriptRow();
        row.id = id;
        row.title = required("title", script.title(), TITLE_LENGTH);
        row.category = required("category", script.category(), CATEGORY_LENGTH);
        row.body = required("body", script.body(), BODY_LENGTH);
        // unknown variables and WeCom's text limits are refused here, not when a rep is mid-chat
        contents.preview(row.body, List.of(), null);
        row.updatedBy = by;
        row.updatedAt = clock.instant();
        if (id == null) {
            scripts.insert(row);
        } else if (scripts.update(row) == 0) {
            throw new NotFound("No script " + id + ".");
        }
        return scripts.find(row.id).orElseThrow();
    }

    void retire(long id, String by) {
        if (scripts.retire(id, by, clock.instant()) == 0) {
            throw new NotFound("No script " + id + ".");
        }
    }

    private Customer readable(String customerId, CurrentUser user) {
        var customer = customers.get(customerId);
        if (!user.mayRead(customer.ownerRep())) {
            throw new Forbidden("Customer " + customerId + " belongs to another rep.");
        }
        return customer;
    }

    private static String required(String field, String value, int length) {
        if (value == null || value.isBlank()) {
            throw new BadInput(field, field + " is required.");
        }
        if (value.strip().length() > length) {
            throw new BadInput(field, field + " is longer than " + length + " characters.");
        }
        return value.strip();
    }

    record NewScript(String title, String category, String body) {
    }

    /** A script and its text as the customer will read it (the body itself when no customer was named). */
    record Shown(long id, String title, String category, String body, String text) {

        Shown(Script script, String text) {
            this(script.id(), script.title(), script.category(), script.body(), text);
        }
    }
}
