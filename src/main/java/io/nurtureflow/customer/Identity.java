package io.nurtureflow.customer;

public record Identity(IdentityKind kind, String idValue) {
}
