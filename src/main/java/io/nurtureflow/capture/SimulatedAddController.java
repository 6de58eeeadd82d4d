package io.nurtureflow.capture;

import io.nurtureflow.customer.PhoneNumbers;
import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.NotFound;
import io.nurtureflow.wecom.SimulatedCustomers;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Only in the simulation profile: "the lead who filled in the form adds their rep in WeCom", through the code
 * the thanks page showed them. WeCom's add callback is played through /wecom/callback, as WeCom would send it.
 */
@RestController
@Profile("simulation")
class SimulatedAddController {

    private final LeadCodes leadCodes;
    private final SimulatedCustomers customers;

    SimulatedAddController(LeadCodes leadCodes, SimulatedCustomers customers) {
        this.leadCodes = leadCodes;
        this.customers = customers;
    }

    @PostMapping("/api/simulation/wecom/contact-added")
    Added contactAdded(@RequestBody AddRequest request) {
        if (request == null || request.phone() == null) {
            throw new BadInput("phone", "phone is required: the lead's phone from the form.");
        }
        var code = leadCodes.newestForPhone(PhoneNumbers.normalize(request.phone(), "phone"))
                .orElseThrow(() -> new NotFound("No lead with this phone was shown a WeCom code."));
        return new Added(code.state(), code.rep(), customers.addsRep(code.state(), code.rep()));
    }

    record AddRequest(String phone) {
    }

    record Added(String state, String rep, String externalUserId) {
    }
}
