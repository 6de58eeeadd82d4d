package io.nurtureflow.system;

/** The request is well-formed but the thing it acts on is not in a state that allows it: HTTP 409. */
public class Conflict extends RuntimeException {

    public Conflict(String message) {
        super(message);
    }
}
