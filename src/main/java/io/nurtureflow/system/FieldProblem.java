package io.nurtureflow.system;

/** A request the caller must change, answered as problem+json naming the field it concerns. */
public abstract class FieldProblem extends RuntimeException {

    private final String field;

    protected FieldProblem(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
