package io.nurtureflow.customer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One chunk of a CRM import, inside its transaction: three reads find who is known, then a few multi-row
 * writes store what is new. Only a difference counts as an update, which is what makes a re-import a no-op.
 */
final class ChunkImport {

    private static final String IMPORTED = "Imported from the CRM";
    private static final String UPDATED = "Updated by a CRM import";

    private final CrmImportMapper imports;
    private final Owners owners;
    private final Clock clock;

    private final Map<String, String> byCrmId = new HashMap<>();
    private final Map<String, String> byPhone = new HashMap<>();
    private final Map<String, String> byEmail = new HashMap<>();
    private final Map<String, CrmImportMapper.KnownCustomer> known = new HashMap<>();
    private final Set<String> purchases = new HashSet<>();
    private final List<CrmImportMapper.NewCustomer> newCustomers = new ArrayList<>();
    private final Map<String, Integer> freshIndex = new HashMap<>();
    private final List<CrmImportMapper.NewIdentity> newIdentities = new ArrayList<>();
    private final List<CrmImportMapper.NewPurchase> newPurchases = new ArrayList<>();
    private final Set<String> updatedCustomers = new LinkedHashSet<>();
    private final List<CrmImport.RowError> errors = new ArrayList<>();

    ChunkImport(CrmImportMapper imports, Owners owners, Clock clock) {
        this.imports = imports;
        this.owners = owners;
        this.clock = clock;
    }

    Outcome store(List<CrmRow> rows) {
        if (rows.isEmpty()) {
            return new Outcome(0, 0, 0, List.of());
        }
        byCrmId.putAll(owned(IdentityKind.CRM_ID, rows, CrmRow::crmId));
        byPhone.putAll(owned(IdentityKind.PHONE, rows, CrmRow::phone));
        byEmail.putAll(owned(IdentityKind.EMAIL, rows, CrmRow::email));
        var existing = new HashSet<String>(byCrmId.values());
        existing.addAll(byPhone.values());
        if (!existing.isEmpty()) {
            imports.customers(existing).forEach(customer -> known.put(customer.id(), customer));
            imports.purchases(existing).forEach(p -> purchases.add(p.customerId() + "\n" + p.orderRef()));
        }
        long created = 0;
        long updated = 0;
        long unchanged = 0;
        for (var row : rows) {
            String viaCrm = row.crmId() == null ? null : byCrmId.get(row.crmId());
            String viaPhone = row.phone() == null ? null : byPhone.get(row.phone());
            if (viaCrm != null && viaPhone != null && !viaCrm.equals(viaPhone)) {
                errors.add(new CrmImport.RowError(row.line(), "phone", "The phone belongs to customer " + viaPhone
                        + ", the CRM id to customer " + viaCrm + "; merge them first."));
                continue;
            }
            String customerId = viaCrm != null ? viaCrm : viaPhone;
            if (customerId == null) {
                create(row);
                created++;
            } else if (change(customerId, row)) {
                updated++;
            } else {
                unchanged++;
            }
        }
        write();
        return new Outcome(created, updated, unchanged, errors);
    }

    private void create(CrmRow row) {
        String id = CustomerIds.next(clock);
        var stage = row.orderRef() != null ? Stage.CUSTOMER : Stage.SILENT;
        freshIndex.put(id, newCustomers.size());
        newCustomers.add(new CrmImportMapper.NewCustomer(id, row.name(), row.owner(), stage, CrmMatching.tail(row.phone())));
        identities(id, row);
        purchase(id, row);
    }

    /** Adds what the row knows and the customer lacks; true when anything changed. */
    private boolean change(String customerId, CrmRow row) {
        boolean changed = identities(customerId, row) | purchase(customerId, row);
        Integer fresh = freshIndex.get(customerId);
        if (fresh != null) {
            // another row of a customer this chunk creates: it is still only in memory
            var created = newCustomers.get(fresh);
            newCustomers.set(fresh, new CrmImportMapper.NewCustomer(created.id(),
                    row.name() != null ? row.name() : created.name(),
                    row.owner() != null ? row.owner() : created.ownerRep(),
                    row.orderRef() != null ? Stage.CUSTOMER : created.stage(),
                    created.phoneTail() != null ? created.phoneTail() : CrmMatching.tail(row.phone())));
            return changed;
        }
        var customer = known.get(customerId);
        String name = row.name() != null ? row.name() : customer.name();
        var stage = row.orderRef() != null && customer.lifecycleInstanceId() == null ? Stage.CUSTOMER : customer.stage();
        if (!Objects.equals(name, customer.name()) || stage != customer.stage()) {
            imports.updateCustomer(customerId, name, stage, clock.instant());
            changed = true;
        }
        String owner = customer.ownerRep();
        if (row.owner() != null && !row.owner().equals(owner)) {
            owners.change(customerId, row.owner(), "owner in the CRM export", "crm-import");
            owner = row.owner();
            changed = true;
        }
        known.put(customerId, new CrmImportMapper.KnownCustomer(customerId, name, owner, stage,
                customer.lifecycleInstanceId()));
        if (changed) {
            updatedCustomers.add(customerId);
        }
        return changed;
    }

    private boolean identities(String customerId, CrmRow row) {
        return identity(IdentityKind.CRM_ID, row.crmId(), customerId, byCrmId)
                | identity(IdentityKind.PHONE, row.phone(), customerId, byPhone)
                | identity(IdentityKind.EMAIL, row.email(), customerId, byEmail);
    }

    /** An identity someone else holds stays theirs: one owner per identity, the database insists on it. */
    private boolean identity(IdentityKind kind, String value, String customerId, Map<String, String> holders) {
        if (value == null || holders.containsKey(value)) {
            return false;
        }
        holders.put(value, customerId);
        newIdentities.add(new CrmImportMapper.NewIdentity(kind, value, customerId));
        return true;
    }

    private boolean purchase(String customerId, CrmRow row) {
        if (row.orderRef() == null || !purchases.add(customerId + "\n" + row.orderRef())) {
            return false;
        }
        newPurchases.add(new CrmImportMapper.NewPurchase(customerId, row.orderRef(), row.product(), row.amountCents(),
                row.purchasedAt()));
        return true;
    }

    private void write() {
        var now = clock.instant();
        if (!newCustomers.isEmpty()) {
            imports.insertCustomers(newCustomers, now);
            imports.insertTimeline(newCustomers.stream().map(CrmImportMapper.NewCustomer::id).toList(), IMPORTED, now);
        }
        if (!newIdentities.isEmpty()) {
            imports.insertIdentities(newIdentities, now);
        }
        if (!newPurchases.isEmpty()) {
            imports.insertPurchases(newPurchases);
        }
        if (!updatedCustomers.isEmpty()) {
            imports.insertTimeline(List.copyOf(updatedCustomers), UPDATED, now);
        }
    }

    private Map<String, String> owned(IdentityKind kind, List<CrmRow> rows, Function<CrmRow, String> value) {
        Collection<String> values = rows.stream().map(value).filter(Objects::nonNull).collect(Collectors.toSet());
        if (values.isEmpty()) {
            return Map.of();
        }
        return imports.owners(kind, values).stream()
                .collect(Collectors.toMap(CrmImportMapper.IdentityOwner::idValue, CrmImportMapper.IdentityOwner::customerId));
    }

    record Outcome(long created, long updated, long unchanged, List<CrmImport.RowError> errors) {
    }
}
