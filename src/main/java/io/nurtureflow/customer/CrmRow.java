package io.nurtureflow.customer;

import java.time.Instant;

/** One line of a CRM export after header mapping and validation; a purchase is optional. */
record CrmRow(long line, String crmId, String name, String phone, String email, String owner, String orderRef,
              String product, Long amountCents, Instant purchasedAt) {

    /** How rows of one person find each other: the CRM's id if the export has one, else the phone. */
    String key() {
        return crmId != null ? "CRM_ID:" + crmId : "PHONE:" + phone;
    }
}
