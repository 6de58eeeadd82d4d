package io.nurtureflow.sop;

import io.nurtureflow.customer.Customers;
import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.CurrentUser;
import io.nurtureflow.wecom.Attachment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** What an operations admin manages: the content library, plans and their versions, and who waits where. */
@RestController
@RequestMapping("/api/sop")
class SopController {

    private final Contents contents;
    private final Plans plans;
    private final Pushes pushes;
    private final Batches batches;
    private final WindowMapper windows;
    private final Customers customers;

    SopController(Contents contents, Plans plans, Pushes pushes, Batches batches, WindowMapper windows,
                  Customers customers) {
        this.contents = contents;
        this.plans = plans;
        this.pushes = pushes;
        this.batches = batches;
        this.windows = windows;
        this.customers = customers;
    }

    @PostMapping("/contents")
    ResponseEntity<Contents.ContentItem> saveContent(@RequestBody Contents.NewContent content) {
        return ResponseEntity.status(HttpStatus.CREATED).body(contents.save(content, CurrentUser.get().username()));
    }

    @GetMapping("/contents/{id}")
    Contents.ContentItem content(@PathVariable long id) {
        return contents.get(id);
    }

    /** Content as a given customer (or a sample one) would read it, checked as it would be on save. */
    @PostMapping("/contents/preview")
    Contents.Preview preview(@RequestBody PreviewRequest request) {
        return contents.preview(request.text(), request.attachments(),
                request.customerId() == null ? null : customers.get(request.customerId()));
    }

    @PostMapping("/plans")
    ResponseEntity<Plans.PlanView> savePlan(@RequestBody Plans.NewPlan plan) {
        return ResponseEntity.status(HttpStatus.CREATED).body(plans.save(plan));
    }

    @GetMapping("/plans/{key}")
    Plans.PlanView plan(@PathVariable String key) {
        return plans.latest(key);
    }

    @GetMapping("/plans/{key}/versions/{version}")
    Plans.PlanView plan(@PathVariable String key, @PathVariable int version) {
        return plans.get(key, version);
    }

    /** How many leads wait at each step right now: for its send window, or for their rep's confirmation. */
    @GetMapping("/waiting")
    List<WindowMapper.StepCount> waiting() {
        return windows.waiting();
    }

    /** The latest send window openings, newest first, with what happened in each. */
    @GetMapping("/windows")
    List<WindowRun> windows(@RequestParam(defaultValue = "20") int limit) {
        return batches.latestRuns(Math.max(1, Math.min(limit, 200)));
    }

    @GetMapping("/windows/{id}/batches")
    List<PushBatch> batchesOf(@PathVariable long id) {
        batches.run(id);
        return batches.batchesOf(id);
    }

    /** Batches a crash left half-way: an admin looks in the rep's WeCom client and says what happened. */
    @GetMapping("/batches/flagged")
    List<PushBatch> flagged() {
        return batches.flagged();
    }

    @PostMapping("/batches/{id}/resolve")
    PushBatch resolve(@PathVariable long id, @RequestBody Resolution resolution) {
        if (resolution.went() == null) {
            throw new BadInput("went", "went is true (the rep's WeCom client shows the mass-send) or false (it does not)");
        }
        if (resolution.msgId() != null && (resolution.msgId().isBlank() || resolution.msgId().length() > 64)) {
            throw new BadInput("msgId", "msgId is WeCom's id of the mass-send task, at most 64 characters");
        }
        return batches.resolve(id, resolution.went(), resolution.msgId());
    }

    @PutMapping("/customers/{id}/time-zone")
    ResponseEntity<Void> timeZone(@PathVariable String id, @RequestBody TimeZoneRequest request) {
        pushes.setTimeZone(id, request.timeZone());
        return ResponseEntity.noContent().build();
    }

    record PreviewRequest(String text, List<Attachment> attachments, String customerId) {
    }

    record TimeZoneRequest(String timeZone) {
    }

    record Resolution(Boolean went, String msgId) {
    }
}
