package io.nurtureflow.customer;

/** Where a customer stands in its lifecycle; the segment feature moves it. */
public enum Stage {
    NURTURING, ENGAGED, CUSTOMER, SILENT, CHURNED, OPTED_OUT,
    /** Silent, and still silent after the silent SOP: no more pushes. */
    DORMANT;

    boolean inNurture() {
        return this == NURTURING || this == ENGAGED;
    }

    /**
     * Which stage two records of one person merge to: the one furthest along, and an opt-out always, because
     * consent given by either record binds the person.
     */
    static Stage furthest(Stage a, Stage b) {
        return a.rank() >= b.rank() ? a : b;
    }

    private int rank() {
        return switch (this) {
            case OPTED_OUT -> 5;
            case CUSTOMER -> 4;
            case ENGAGED -> 3;
            case NURTURING -> 2;
            case SILENT, DORMANT -> 1;
            case CHURNED -> 0;
        };
    }
}
