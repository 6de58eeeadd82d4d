package io.nurtureflow.system;

/** Input a caller must fix; answered with 400 and the field it concerns. */
public class BadInput extends RuntimeException {

    private final String field;

    public BadInput(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
