package io.nurtureflow.events;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Time passing lowers scores too, not only new events: the profile shows today's value. */
@Component
class ScoreDecay {

    private final EngagementScores scores;

    ScoreDecay(EngagementScores scores) {
        this.scores = scores;
    }

    @Scheduled(fixedDelayString = "${nurture.scoring.refresh-millis:3600000}")
    void refresh() {
        scores.refresh();
    }
}
