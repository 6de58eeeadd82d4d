package io.nurtureflow.system;

/** The caller is logged in but this lead, task or action is not theirs. */
public class Forbidden extends RuntimeException {

    public Forbidden(String message) {
        super(message);
    }
}
