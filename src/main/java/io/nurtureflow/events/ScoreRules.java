package io.nurtureflow.events;

/** Points for one event: the admins' decision table (engagement-scoring.dmn), evaluated where the engine lives. */
public interface ScoreRules {

    int points(EventType type, String contentTag);
}
