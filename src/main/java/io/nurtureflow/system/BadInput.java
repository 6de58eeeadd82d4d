package io.nurtureflow.system;

/** Input a caller must fix; answered with 400 and the field it concerns. */
public class BadInput extends FieldProblem {

    public BadInput(String field, String message) {
        super(field, message);
    }
}
