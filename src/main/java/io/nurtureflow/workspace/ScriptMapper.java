package io.nurtureflow.workspace;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@Mapper
interface ScriptMapper {

    List<Script> active(@Param("category") String category);

    Optional<Script> find(long id);

    void insert(ScriptRow row);

    int update(ScriptRow row);

    int retire(@Param("id") long id, @Param("by") String by, @Param("at") Instant at);

    /** Written by the service; the generated id comes back in it. */
    class ScriptRow {
        Long id;
        String title;
        String category;
        String body;
        String updatedBy;
        Instant updatedAt;
    }
}
