package io.nurtureflow.report;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

@Mapper
interface IssueMapper {

    boolean exists(@Param("cadence") Cadence cadence, @Param("reader") String reader, @Param("from") LocalDate from);

    void insert(@Param("issue") Issue issue);

    /** The reader's latest issues, without their bodies. */
    List<Issue> latestOf(@Param("reader") String reader, @Param("limit") int limit);

    Optional<Issue> find(@Param("id") long id);

    /** A report as sent; {@code body} is its JSON (null in lists). */
    record Issue(Long id, Cadence cadence, String reader, LocalDate periodFrom, LocalDate periodTo, String body,
                 Instant createdAt) {
    }
}
