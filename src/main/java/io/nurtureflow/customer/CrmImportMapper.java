package io.nurtureflow.customer;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The import's own bookkeeping and the set-at-a-time reads and writes that let a million rows through. */
@Mapper
interface CrmImportMapper {

    void insertImport(ImportRow row);

    Optional<CrmImport> find(long id);

    void progress(@Param("id") long id, @Param("counts") CrmImport.Counts counts);

    void finish(@Param("id") long id, @Param("status") String status, @Param("message") String message,
                @Param("at") Instant at);

    void insertErrors(@Param("importId") long importId, @Param("errors") List<CrmImport.RowError> errors);

    List<CrmImport.RowError> errors(@Param("importId") long importId, @Param("limit") int limit);

    List<IdentityOwner> owners(@Param("kind") IdentityKind kind, @Param("values") Collection<String> values);

    List<KnownCustomer> customers(@Param("ids") Collection<String> ids);

    List<KnownPurchase> purchases(@Param("ids") Collection<String> ids);

    void insertCustomers(@Param("customers") List<NewCustomer> customers, @Param("at") Instant at);

    void insertIdentities(@Param("identities") List<NewIdentity> identities, @Param("at") Instant at);

    void insertPurchases(@Param("purchases") List<NewPurchase> purchases);

    void insertTimeline(@Param("customerIds") List<String> customerIds, @Param("summary") String summary,
                        @Param("at") Instant at);

    void updateCustomer(@Param("id") String id, @Param("name") String name, @Param("stage") Stage stage,
                        @Param("at") Instant at);

    final class ImportRow {
        public Long id;
        public String fileName;
        public String charset;
        public String startedBy;
        public Instant startedAt;
    }

    record IdentityOwner(String idValue, String customerId) {
    }

    record KnownCustomer(String id, String name, String ownerRep, Stage stage, String lifecycleInstanceId) {
    }

    record KnownPurchase(String customerId, String orderRef) {
    }

    record NewCustomer(String id, String name, String ownerRep, Stage stage, String phoneTail) {
    }

    record NewIdentity(IdentityKind kind, String value, String customerId) {
    }

    record NewPurchase(String customerId, String orderRef, String product, Long amountCents, Instant purchasedAt) {
    }
}
