package io.nurtureflow.customer;

/** A sales lead's answer to a collision (撞单). */
public enum CollisionDecision {
    KEEP_OWNER, REASSIGN
}
