package io.nurtureflow.customer;

import java.util.Map;

/**
 * A lead as it arrives, before matching: from the landing form, the integration API or a WeCom callback.
 * The phone is already normalized; the channel has already assigned a rep. Answers are the form's other
 * fields (child's grade, subject, ...), which the tagging decision reads.
 */
public record CapturedLead(Long channelId, Long scanId, String source, String name, String phone,
                           String unionid, String externalUserId, String assignedRep, String email,
                           Map<String, String> answers) {

    public CapturedLead {
        answers = answers == null ? Map.of() : Map.copyOf(answers);
    }

    /** A lead with no email and no answers, as the capture channels send it. */
    public CapturedLead(Long channelId, Long scanId, String source, String name, String phone, String unionid,
                        String externalUserId, String assignedRep) {
        this(channelId, scanId, source, name, phone, unionid, externalUserId, assignedRep, null, Map.of());
    }

    public boolean hasIdentity() {
        return phone != null || unionid != null || externalUserId != null || email != null;
    }
}
