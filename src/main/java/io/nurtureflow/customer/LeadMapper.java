package io.nurtureflow.customer;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@Mapper
interface LeadMapper {

    void insert(@Param("lead") CapturedLead lead, @Param("answers") String answers, @Param("consent") Consent consent,
                @Param("at") Instant at, @Param("row") LeadRow row);

    Optional<StoredLead> find(long id);

    void recordOutcome(@Param("id") long id, @Param("customerId") String customerId,
                       @Param("outcome") MatchOutcome outcome);

    /** The form answers of the customer's most recent lead that had any. */
    String latestAnswers(String customerId);

    void insertTouchpoint(@Param("customerId") String customerId, @Param("leadId") long leadId,
                          @Param("channelId") Long channelId, @Param("at") Instant at);

    /** Newest first, also of the customers merged into this one: their leads were this person's too. */
    List<LeadConsent> consents(String customerId);

    /** MyBatis writes the generated key here. */
    final class LeadRow {
        public Long id;
    }
}
