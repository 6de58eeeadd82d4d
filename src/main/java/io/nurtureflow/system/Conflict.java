package io.nurtureflow.system;

/**
 * The request is well formed but clashes with what exists (a taken username or code, a merge already undone);
 * answered with 409 naming the field, so the caller knows retrying the same request cannot help.
 */
public class Conflict extends FieldProblem {

    public Conflict(String field, String message) {
        super(field, message);
    }
}
