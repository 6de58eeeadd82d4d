package io.nurtureflow.customer;

import io.nurtureflow.system.CurrentUser;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;

/**
 * Looks customers up within the caller's data scope: admins all, a sales lead the customers of the reps they
 * lead (and their own), a rep their own. Merged-away records are left out: their survivor stands for them.
 */
@Service
class CustomerSearch {

    private final CustomerMapper customers;
    private final SalesTeams teams;

    CustomerSearch(CustomerMapper customers, SalesTeams teams) {
        this.customers = customers;
        this.teams = teams;
    }

    Page search(CurrentUser user, String phone, String name, String tag, Stage stage, String owner, int page,
                int size) {
        // the phone is normalised exactly as intake stores it, so any spelling of a number finds its customer
        String e164 = phone == null || phone.isBlank() ? null : PhoneNumbers.normalize(phone, "phone");
        var query = new CustomerQuery(e164, name, tag, stage, owner, scope(user), page, size);
        return new Page(page, size, customers.count(query), customers.search(query));
    }

    private List<String> scope(CurrentUser user) {
        if (user.admin()) {
            return null;
        }
        var owners = new ArrayList<String>();
        owners.add(user.username());
        if (user.salesLead()) {
            owners.addAll(teams.repsLedBy(user.username()));
        }
        return owners;
    }

    record Page(int page, int size, long total, List<CustomerSummary> customers) {
    }
}
