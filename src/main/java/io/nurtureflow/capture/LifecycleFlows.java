package io.nurtureflow.capture;

/** The deployed lifecycle flows a channel may name; the engine side (process) knows them. */
public interface LifecycleFlows {

    /** Refuses (400 naming the field) a key with no deployed definition, or whose latest version breaks the contract. */
    void requireUsable(String flowKey, String field);
}
