package io.nurtureflow.process;

import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricDetailEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The engine's history says what happened to a lead, not every step the engine took on the way: which flows ran
 * and how they ended, every task, and the milestones a lead waits for or ends at (a reply, a timer, a purchase, an
 * end). Service tasks, gateways, plain starts, sub-process scopes and variables are not written: what those did is
 * in our own tables (tags, pushes, the timeline), and they were three quarters of an ended lead's bytes (an
 * activity row per step, a variable row per lifecycle variable) and of the history inserts per intake.
 * <p>
 * Camunda's user guide (process engine, history, "Custom implementation") offers two ways: a custom history level
 * or a history event handler in place of the default one. We take the handler: a new level would need its own id,
 * and the engine records the level in the database and refuses to start where the two differ, so every existing
 * installation would stop at its next start; the level stays {@code audit}. Public for the bare-engine bench, which
 * measures the engine with the same history.
 */
@Component
public class EngineHistory extends AbstractProcessEnginePlugin {

    private static final Set<String> MILESTONES = Set.of(
            ActivityTypes.TASK_USER_TASK, ActivityTypes.TASK_RECEIVE_TASK, ActivityTypes.CALL_ACTIVITY,
            ActivityTypes.INTERMEDIATE_EVENT_MESSAGE, ActivityTypes.INTERMEDIATE_EVENT_TIMER,
            ActivityTypes.INTERMEDIATE_EVENT_SIGNAL, ActivityTypes.INTERMEDIATE_EVENT_CONDITIONAL,
            ActivityTypes.BOUNDARY_TIMER, ActivityTypes.BOUNDARY_MESSAGE, ActivityTypes.BOUNDARY_SIGNAL,
            ActivityTypes.BOUNDARY_ERROR, ActivityTypes.BOUNDARY_ESCALATION, ActivityTypes.BOUNDARY_CONDITIONAL,
            ActivityTypes.START_EVENT_MESSAGE, ActivityTypes.START_EVENT_TIMER, ActivityTypes.START_EVENT_SIGNAL,
            ActivityTypes.START_EVENT_CONDITIONAL, ActivityTypes.START_EVENT_ERROR, ActivityTypes.START_EVENT_ESCALATION,
            ActivityTypes.END_EVENT_NONE, ActivityTypes.END_EVENT_TERMINATE, ActivityTypes.END_EVENT_ERROR,
            ActivityTypes.END_EVENT_MESSAGE, ActivityTypes.END_EVENT_SIGNAL, ActivityTypes.END_EVENT_ESCALATION,
            ActivityTypes.END_EVENT_CANCEL, ActivityTypes.END_EVENT_COMPENSATION);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        var handlers = new ArrayList<HistoryEventHandler>();
        if (configuration.getCustomHistoryEventHandlers() != null) {
            handlers.addAll(configuration.getCustomHistoryEventHandlers());
        }
        handlers.add(new Kept(new DbHistoryEventHandler()));
        configuration.setCustomHistoryEventHandlers(handlers);
        configuration.setEnableDefaultDbHistoryEventHandler(false);
    }

    private static boolean kept(HistoryEvent event) {
        if (event instanceof HistoricActivityInstanceEventEntity activity) {
            return MILESTONES.contains(activity.getActivityType());
        }
        // variable history (and, at level full, form and variable details)
        return !(event instanceof HistoricDetailEventEntity);
    }

    /** Hands the kept events to the engine's own database writer. */
    private record Kept(HistoryEventHandler database) implements HistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (kept(event)) {
                database.handleEvent(event);
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::handleEvent);
        }
    }
}
