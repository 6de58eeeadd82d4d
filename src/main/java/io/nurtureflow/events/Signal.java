package io.nurtureflow.events;

/** What an event means to a running lifecycle; each is one BPMN message, NONE is only recorded. */
public enum Signal {
    ENGAGED, PURCHASED, OPTED_OUT, CHURNED, NONE
}
