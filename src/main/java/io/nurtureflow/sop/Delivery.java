package io.nurtureflow.sop;

/** A step goes out by itself, or the owner rep confirms it first (WeCom's mass-send works that way too). */
public enum Delivery {
    AUTO, CONFIRM
}
