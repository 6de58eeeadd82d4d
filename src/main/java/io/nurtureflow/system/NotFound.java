package io.nurtureflow.system;

public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }
}
