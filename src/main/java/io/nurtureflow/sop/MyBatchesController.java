package io.nurtureflow.sop;

import io.nurtureflow.system.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The rep's side of a CONFIRM step: one batch per step and window with all of their customers due, confirmed once.
 * (An AUTO step's mass-send is confirmed in the WeCom client itself.)
 */
@RestController
class MyBatchesController {

    private final Batches batches;

    MyBatchesController(Batches batches) {
        this.batches = batches;
    }

    @GetMapping("/api/me/push-batches")
    List<PushBatch> awaiting() {
        return batches.awaitingConfirmation(CurrentUser.get().username());
    }

    @PostMapping("/api/me/push-batches/{id}/confirm")
    ResponseEntity<Void> confirm(@PathVariable long id) {
        batches.confirm(id, CurrentUser.get().username());
        return ResponseEntity.noContent().build();
    }
}
