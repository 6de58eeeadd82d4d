package io.nurtureflow.customer;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Collection;

@Mapper
interface CustomerMapper {

    void insert(@Param("id") String id, @Param("name") String name, @Param("ownerRep") String ownerRep,
                @Param("stage") Stage stage, @Param("channelId") Long channelId, @Param("phoneTail") String phoneTail,
                @Param("at") Instant at);

    Optional<Customer> find(String id);

    List<Customer> findAll(@Param("ids") Collection<String> ids);

    /** One identity and the customer holding it. */
    record OwnedIdentity(String customerId, String idValue) {
    }

    /** The row, locked until the transaction ends: merges and ownership changes of one customer queue up. */
    Optional<Customer> lock(String id);

    Optional<Customer> findByIdentity(@Param("kind") IdentityKind kind, @Param("value") String value);

    List<String> idsByNameAndTail(@Param("name") String name, @Param("tail") String tail, @Param("limit") int limit);

    void insertIdentity(@Param("kind") IdentityKind kind, @Param("value") String value,
                        @Param("customerId") String customerId, @Param("at") Instant at);

    void moveIdentity(@Param("kind") IdentityKind kind, @Param("value") String value, @Param("to") String to);

    List<Identity> identities(String customerId);

    void updateStage(@Param("id") String id, @Param("stage") Stage stage, @Param("at") Instant at);

    void attachLifecycle(@Param("id") String id, @Param("instanceId") String instanceId, @Param("at") Instant at);

    void updateScore(@Param("id") String id, @Param("score") int score, @Param("at") Instant at);

    void updateName(@Param("id") String id, @Param("name") String name, @Param("at") Instant at);

    void updateLayer(@Param("id") String id, @Param("layer") String layer, @Param("at") Instant at);

    void updateOwner(@Param("id") String id, @Param("ownerRep") String ownerRep, @Param("at") Instant at);

    void insertOwnerChange(@Param("customerId") String customerId, @Param("from") String from, @Param("to") String to,
                           @Param("reason") String reason, @Param("by") String by, @Param("at") Instant at);

    /** What a merge or its undo sets on the survivor. */
    void updateSurvivor(@Param("id") String id, @Param("name") String name, @Param("ownerRep") String ownerRep,
                        @Param("ownerSince") Instant ownerSince, @Param("stage") Stage stage, @Param("score") int score,
                        @Param("phoneTail") String phoneTail, @Param("at") Instant at);

    void markMerged(@Param("id") String id, @Param("into") String into, @Param("at") Instant at);

    String phoneTail(String id);

    List<String> idsOwnedBy(String rep);

    List<CustomerSummary> search(CustomerQuery query);

    long count(CustomerQuery query);

}
