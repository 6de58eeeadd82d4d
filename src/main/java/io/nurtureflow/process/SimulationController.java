package io.nurtureflow.process;

import io.nurtureflow.events.EngagementScores;
import io.nurtureflow.events.ParkedEventsOnCapture;
import io.nurtureflow.system.BadInput;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Moves the clock forward and runs what fell due, so a two-week SOP can be shown or tested in seconds.
 * Only in the simulation profile: in production time is time.
 */
@RestController
@Profile("simulation")
class SimulationController {

    private static final Logger log = LoggerFactory.getLogger(SimulationController.class);
    private static final Duration LONGEST_STEP = Duration.ofDays(400);
    private static final int MAX_ROUNDS = 100_000;

    private final ManagementService management;
    private final SignalCorrelator correlator;
    private final EngagementScores scores;
    private final ParkedEventsOnCapture parkedEvents;
    private final JobExecutorPause pause;

    SimulationController(ManagementService management, SignalCorrelator correlator, EngagementScores scores,
                         ParkedEventsOnCapture parkedEvents, JobExecutorPause pause) {
        this.management = management;
        this.correlator = correlator;
        this.scores = scores;
        this.parkedEvents = parkedEvents;
        this.pause = pause;
    }

    @PostMapping("/api/simulation/clock")
    synchronized ClockMoved advance(@RequestBody ClockMove move) throws InterruptedException {
        Duration advance = parse(move.advance());
        parkedEvents.awaitIdle(Duration.ofSeconds(30));
        // all due work runs here, in due-date order, while the live job executor stands still
        return pause.whilePaused(() -> runUntil(advance));
    }

    private ClockMoved runUntil(Duration advance) {
        Instant now = ClockUtil.now().toInstant();
        Instant target = now.plus(advance);
        moveClockTo(target);
        int events = correlator.sweep();
        int executed = 0;
        int failed = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            moveClockTo(target);
            var due = management.createJobQuery().executable().orderByJobDuedate().asc().listPage(0, 1);
            if (due.isEmpty()) {
                break;
            }
            Job job = due.get(0);
            // each job runs at its own due time, as the job executor would have run it: a push due at 12:00 goes
            // at 12:00 (inside its window), not at whatever hour the simulation jumped to
            if (job.getDuedate() != null && job.getDuedate().toInstant().isAfter(now)) {
                now = job.getDuedate().toInstant();
            }
            moveClockTo(now);
            try {
                management.executeJob(job.getId());
                executed++;
            } catch (OptimisticLockingException takenByAnotherNode) {
                // only this node's executor is paused; another node on the same database may still take a job
                log.debug("job {} was run by another node meanwhile", job.getId());
            } catch (RuntimeException e) {
                // the engine recorded the failure on the job (retries, incident); the simulation goes on
                failed++;
                log.warn("job {} failed: {}", job.getId(), e.getMessage());
            }
        }
        moveClockTo(target);
        scores.refresh();
        return new ClockMoved(ClockUtil.now().toInstant(), events, executed, failed);
    }

    private static void moveClockTo(Instant at) {
        ClockUtil.offset(at.toEpochMilli() - System.currentTimeMillis());
    }

    private static Duration parse(String advance) {
        if (advance == null) {
            throw new BadInput("advance", "advance is required, e.g. \"P3D\" or \"PT2H\".");
        }
        try {
            Duration duration = Duration.parse(advance);
            if (duration.isNegative() || duration.compareTo(LONGEST_STEP) > 0) {
                throw new BadInput("advance", "advance must be between PT0S and P400D.");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new BadInput("advance", "advance must be an ISO-8601 duration, e.g. \"P3D\" or \"PT2H\".");
        }
    }

    record ClockMove(String advance) {
    }

    record ClockMoved(Instant now, int eventsCorrelated, int jobsExecuted, int jobsFailed) {
    }
}
