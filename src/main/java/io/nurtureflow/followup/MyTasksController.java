package io.nurtureflow.followup;

import io.nurtureflow.customer.Customers;
import io.nurtureflow.customer.TagReader;
import io.nurtureflow.customer.Timeline;
import io.nurtureflow.customer.TimelineEntry;
import io.nurtureflow.system.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** A rep's inbox: only their own tasks, each with enough about the lead to act on it. */
@RestController
@RequestMapping("/api/me/tasks")
class MyTasksController {

    private static final int RECENT = 10;
    private static final int HISTORY = 200;
    private static final int LAST = 3;

    private final FollowUps followUps;
    private final Customers customers;
    private final TagReader tags;
    private final Timeline timeline;

    MyTasksController(FollowUps followUps, Customers customers, TagReader tags, Timeline timeline) {
        this.followUps = followUps;
        this.customers = customers;
        this.tags = tags;
        this.timeline = timeline;
    }

    @GetMapping
    List<TaskView> mine() {
        return followUps.openFor(CurrentUser.get().username()).stream().map(this::view).toList();
    }

    @PostMapping("/{taskId}/complete")
    ResponseEntity<Void> complete(@PathVariable String taskId, @Valid @RequestBody Completion completion) {
        followUps.complete(CurrentUser.get(), taskId, completion.outcome(), completion.note(), completion.callBackAt());
        return ResponseEntity.noContent().build();
    }

    private TaskView view(FollowUpTask task) {
        var customer = customers.get(task.customerId());
        var history = timeline.latest(customer.id(), HISTORY);
        return new TaskView(task.taskId(), task.kind(), task.reason(), task.dueAt(), task.note(),
                new Lead(customer.id(), customer.name(), customer.stage().name(), customer.score(),
                        tags.tagsOf(customer.id()), last(history, "PUSH", ""), last(history, "EVENT", "LINK_CLICKED"),
                        history.stream().limit(RECENT).toList()));
    }

    /** What was sent and what was clicked: the two things a rep asks before calling. */
    private static List<TimelineEntry> last(List<TimelineEntry> history, String kind, String startingWith) {
        return history.stream().filter(e -> e.kind().equals(kind) && e.summary().startsWith(startingWith))
                .limit(LAST).toList();
    }

    record Completion(@NotNull Outcome outcome, @Size(max = 1000) String note, Instant callBackAt) {
    }

    record Lead(String id, String name, String stage, int score, List<String> tags, List<TimelineEntry> lastPushes,
                List<TimelineEntry> lastClicks, List<TimelineEntry> recent) {
    }

    record TaskView(String id, FollowUpKind kind, String reason, Instant dueAt, String note, Lead lead) {
    }
}
