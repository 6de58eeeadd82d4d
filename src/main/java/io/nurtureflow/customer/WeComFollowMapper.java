package io.nurtureflow.customer;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The rep ↔ WeCom contact relations; {@link WeComFollows} is the one writer. */
@Mapper
interface WeComFollowMapper {

    Optional<WeComFollow> find(@Param("externalUserId") String externalUserId, @Param("rep") String rep);

    void insert(@Param("externalUserId") String externalUserId, @Param("rep") String rep,
                @Param("addedAt") Instant addedAt);

    /** A relation that had ended is live again (the two added each other back). */
    void reopen(@Param("externalUserId") String externalUserId, @Param("rep") String rep,
                @Param("addedAt") Instant addedAt);

    void remove(@Param("externalUserId") String externalUserId, @Param("rep") String rep,
                @Param("by") WeComFollow.RemovedBy by, @Param("at") Instant at);

    List<WeComFollow> ofCustomer(String customerId);

    /** Live relations of this contact or of any other WeCom contact of the customer it belongs to. */
    int liveFollows(String externalUserId);

    /**
     * For each customer, one external user id through which {@code rep} can still reach them: never one whose
     * relation with the rep ended; a contact the rep is known to follow before one we know nothing about.
     */
    List<CustomerMapper.OwnedIdentity> reachable(@Param("customerIds") Collection<String> customerIds,
                                                 @Param("rep") String rep);
}
