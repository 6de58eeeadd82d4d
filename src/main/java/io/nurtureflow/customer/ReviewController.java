package io.nurtureflow.customer;

import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.CurrentUser;
import io.nurtureflow.system.Masking;
import io.nurtureflow.system.NotFound;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A sales lead's queue: likely duplicates to merge or keep apart, collisions (撞单) to keep or reassign. */
@RestController
@RequestMapping("/api/reviews")
class ReviewController {

    private final ReviewTasks reviews;
    private final CrmMatching matching;
    private final Customers customers;

    ReviewController(ReviewTasks reviews, CrmMatching matching, Customers customers) {
        this.reviews = reviews;
        this.matching = matching;
        this.customers = customers;
    }

    @GetMapping
    List<Review> open() {
        return reviews.open().stream().map(this::view).toList();
    }

    @PostMapping("/{taskId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void decide(@PathVariable String taskId, @RequestBody Decision decision) {
        var review = reviews.find(taskId).orElseThrow(() -> new NotFound("No open review " + taskId + "."));
        var allowed = review.kind() == ReviewTasks.ReviewKind.LIKENESS
                ? Arrays.stream(ReviewDecision.values()).map(Enum::name).toList()
                : Arrays.stream(CollisionDecision.values()).map(Enum::name).toList();
        if (decision == null || !allowed.contains(decision.decision())) {
            throw new BadInput("decision", "decision must be one of " + allowed + ".");
        }
        reviews.decide(taskId, review.kind(), decision.decision(), CurrentUser.get().username());
    }

    /** Sales leads review without seeing full phone numbers: the tail is what the likeness is about. */
    private Review view(ReviewTasks.OpenReview review) {
        var lead = matching.lead(review.leadId());
        var customer = customers.find(review.customerId()).orElse(null);
        return new Review(review.taskId(), review.kind(), review.createdAt(), lead.id(), lead.name(),
                lead.phone() == null ? null : Masking.phone(lead.phone()), lead.assignedRep(), review.customerId(),
                customer == null ? null : customer.name(), customer == null ? null : customer.ownerRep());
    }

    record Decision(String decision) {
    }

    record Review(String taskId, ReviewTasks.ReviewKind kind, Instant createdAt, long leadId, String leadName,
                  String leadPhone, String leadRep, String customerId, String customerName, String customerOwner) {
    }
}
