package io.nurtureflow.customer;

/** Published inside the changing transaction, so the customer's running lifecycle follows the new owner. */
public record OwnerChanged(String customerId, String fromRep, String toRep) {
}
