package io.nurtureflow.customer;

/** What customer data changes need from the customers' lifecycle processes; implemented by the process layer. */
public interface Lifecycles {

    boolean running(String instanceId);

    /** Ends a running lifecycle; the reason is what Cockpit shows as its delete reason. */
    void end(String instanceId, String reason);

    /** Hands a running lifecycle to another customer id. */
    void adopt(String instanceId, String customerId);

    /** Starts a lifecycle for a customer that has none running. */
    void start(String customerId);
}
