package io.nurtureflow.customer;

import io.nurtureflow.system.Masking;
import io.nurtureflow.system.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Before a lead is matched, asks the external CRM about its phone and stores what it knows (owner, past
 * purchases) as a CRM import of one row would, so matching then sees it. When the CRM is down or slow, matching
 * simply goes on with the local data: the lead is never lost or held up for the CRM's sake.
 */
@Service
class CrmLookup {

    private static final Logger log = LoggerFactory.getLogger(CrmLookup.class);

    private final ExternalCrm crm;
    private final CrmImportMapper imports;
    private final Owners owners;
    private final UserDirectory users;
    private final TransactionTemplate transaction;
    private final Clock clock;

    CrmLookup(ExternalCrm crm, CrmImportMapper imports, Owners owners, UserDirectory users,
              PlatformTransactionManager transactions, Clock clock) {
        this.crm = crm;
        this.imports = imports;
        this.owners = owners;
        this.users = users;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** True when the CRM answered (knowing the phone or not); false when local data had to do. */
    boolean refresh(String phone) {
        if (phone == null || !crm.configured()) {
            return false;
        }
        try {
            crm.lookup(phone).ifPresent(found -> transaction.executeWithoutResult(status ->
                    new ChunkImport(imports, owners, clock).store(rows(phone, found))));
            return true;
        } catch (ExternalCrm.Unavailable down) {
            log.warn("CRM lookup of {} failed, matching on local data: {}", Masking.phone(phone), down.getMessage());
            return false;
        }
    }

    private List<CrmRow> rows(String phone, ExternalCrm.Found found) {
        String owner = found.owner() != null && users.exists(found.owner()) ? found.owner() : null;
        var rows = new ArrayList<CrmRow>();
        rows.add(new CrmRow(0, found.crmId(), found.name(), phone, null, owner, null, null, null, null));
        for (var purchase : found.purchases()) {
            if (purchase.orderRef() != null) {
                rows.add(new CrmRow(0, found.crmId(), found.name(), phone, null, owner, purchase.orderRef(),
                        purchase.product(), purchase.amountCents(), purchase.purchasedAt()));
            }
        }
        return rows;
    }
}
