package io.nurtureflow.customer;

import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Admins and sales leads merge two customers that are one person, and undo a merge within the undo period. */
@RestController
@RequestMapping("/api/merges")
class MergeController {

    private final CustomerMerges merges;

    MergeController(CustomerMerges merges) {
        this.merges = merges;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    MergeRecord merge(@RequestBody MergeRequest request) {
        if (request.customerIds() == null || request.customerIds().size() != 2) {
            throw new BadInput("customerIds", "customerIds must name exactly two customers.");
        }
        return merges.merge(request.customerIds().get(0), request.customerIds().get(1), request.reason(),
                CurrentUser.get().username());
    }

    @PostMapping("/{id}/undo")
    MergeRecord undo(@PathVariable long id) {
        return merges.undo(id, CurrentUser.get().username());
    }

    record MergeRequest(List<String> customerIds, String reason) {
    }
}
