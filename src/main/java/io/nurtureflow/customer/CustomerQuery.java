package io.nurtureflow.customer;

import io.nurtureflow.system.BadInput;

import java.util.List;

/**
 * One page of a customer search. Every filter is optional; {@code owners} is the caller's data scope (null: all),
 * intersected with any owner asked for.
 */
record CustomerQuery(String phone, String namePrefix, String tag, Stage stage, String owner, List<String> owners,
                     int page, int size) {

    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 100;
    private static final int MAX_PAGE = 100_000;

    CustomerQuery {
        if (page < 0 || page > MAX_PAGE) {
            throw new BadInput("page", "page counts from 0, at most " + MAX_PAGE + ".");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new BadInput("size", "size must be 1-" + MAX_SIZE + ".");
        }
        namePrefix = text("name", namePrefix, 100);
        tag = text("tag", tag, 64);
        owner = text("owner", owner, 64);
    }

    /** A LIKE pattern that matches names starting with what was typed, wildcards in it taken literally ('!' escapes). */
    String nameLike() {
        return namePrefix == null ? null
                : namePrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    long offset() {
        return (long) page * size;
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw new BadInput(field, field + " is at most " + max + " characters.");
        }
        return value.strip();
    }
}
