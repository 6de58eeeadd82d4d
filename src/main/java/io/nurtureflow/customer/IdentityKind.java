package io.nurtureflow.customer;

public enum IdentityKind {
    PHONE, UNIONID, EXTERNAL_USER_ID, EMAIL,
    /** the customer's id in the company's existing CRM, from an import or the CRM adapter */
    CRM_ID
}
