package io.nurtureflow.system;

import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** Migration V73: the funnel roll-up V72 made anew compares its identifiers exactly, as V69 made the one before it. */
@Component
class ExactFunnelKeys extends ExactColumnsMigration {

    ExactFunnelKeys() {
        super("73", "exact ids of the wide funnel roll-up", Map.of("report_funnel_day", List.of("ref", "rep", "team")));
    }
}
