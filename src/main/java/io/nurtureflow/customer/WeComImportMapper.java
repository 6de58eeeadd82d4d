package io.nurtureflow.customer;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The WeCom import's own bookkeeping: progress, the cursor reached, and the error report. */
@Mapper
interface WeComImportMapper {

    void insert(ImportRow row);

    Optional<WeComImport> find(long id);

    /** The CRM import's running totals, counted in contacts; the pages read and the cursor of the next. */
    void progress(@Param("id") long id, @Param("counts") CrmImport.Counts counts, @Param("pages") long pages,
                  @Param("cursor") String cursor);

    void finish(@Param("id") long id, @Param("state") WeComImport.State state, @Param("message") String message,
                @Param("at") Instant at);

    void insertErrors(@Param("importId") long importId, @Param("errors") List<WeComImport.ContactError> errors);

    List<WeComImport.ContactError> errors(@Param("importId") long importId, @Param("limit") int limit);

    final class ImportRow {
        public Long id;
        public String reps;
        public String startedBy;
        public Instant startedAt;
    }
}
