package io.nurtureflow.process;

import io.nurtureflow.system.BadInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Admins look at a flow's versions and move running leads between them: a dry run first, then a batch. */
@RestController
@RequestMapping("/api/flows")
class FlowController {

    private final FlowVersions flows;

    FlowController(FlowVersions flows) {
        this.flows = flows;
    }

    @GetMapping("/{key}/versions")
    List<FlowVersions.Version> versions(@PathVariable String key) {
        return flows.versions(key);
    }

    /** {@code dryRun} (the default) answers what would happen; {@code false} starts the move and answers 202. */
    @PostMapping("/{key}/migrations")
    ResponseEntity<?> migrate(@PathVariable String key, @RequestBody MigrationRequest request) {
        if (request == null || request.fromVersion() == null) {
            throw new BadInput("fromVersion", "fromVersion is required.");
        }
        if (request.toVersion() == null) {
            throw new BadInput("toVersion", "toVersion is required.");
        }
        if (request.dryRun() == null || request.dryRun()) {
            return ResponseEntity.ok(flows.dryRun(key, request.fromVersion(), request.toVersion()));
        }
        var batch = flows.migrate(key, request.fromVersion(), request.toVersion());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(flows.progress(batch.getId()));
    }

    @GetMapping("/migrations/{batchId}")
    FlowVersions.Progress progress(@PathVariable String batchId) {
        return flows.progress(batchId);
    }

    record MigrationRequest(Integer fromVersion, Integer toVersion, Boolean dryRun) {
    }
}
