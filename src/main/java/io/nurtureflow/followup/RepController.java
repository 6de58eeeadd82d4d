package io.nurtureflow.followup;

import io.nurtureflow.system.CurrentUser;
import io.nurtureflow.system.Forbidden;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Admins and sales leads describe reps (team, sales lead, working hours and days) and hand over a departed rep's leads. */
@RestController
@RequestMapping("/api/reps")
class RepController {

    private final Reps reps;
    private final Inheritance inheritance;

    RepController(Reps reps, Inheritance inheritance) {
        this.reps = reps;
        this.inheritance = inheritance;
    }

    @GetMapping("/{rep}")
    RepProfile profile(@PathVariable String rep) {
        requireLead();
        return reps.profile(rep);
    }

    @PutMapping("/{rep}")
    RepProfile describe(@PathVariable String rep, @RequestBody Description description) {
        requireLead();
        return reps.describe(rep, description.team(), description.salesLead(), description.workStart(),
                description.workEnd(), description.workDays());
    }

    /**
     * The rep left: their leads and open tasks go to {@code successor}, or round-robin in their team, and WeCom is
     * asked to move the contacts too ({@code leftWeCom} once the rep was deleted from WeCom; {@code message} is
     * what WeCom tells the customers otherwise).
     */
    @PostMapping("/{rep}/deactivate")
    List<Transfer> deactivate(@PathVariable String rep, @RequestBody(required = false) Deactivation deactivation) {
        requireLead();
        var asked = deactivation == null ? new Deactivation(null, false, null) : deactivation;
        return inheritance.deactivate(rep, asked.successor(), asked.leftWeCom(), asked.message());
    }

    @GetMapping("/{rep}/transfers")
    List<Transfer> transfers(@PathVariable String rep) {
        requireLead();
        return inheritance.transfersFrom(rep);
    }

    private static void requireLead() {
        var user = CurrentUser.get();
        if (!user.admin() && !user.salesLead()) {
            throw new Forbidden("Only admins and sales leads manage reps.");
        }
    }

    record Deactivation(String successor, boolean leftWeCom, String message) {
    }

    record Description(String team, String salesLead, String workStart, String workEnd, String workDays) {
    }
}
