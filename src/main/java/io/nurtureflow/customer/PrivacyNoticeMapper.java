package io.nurtureflow.customer;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.Optional;

@Mapper
interface PrivacyNoticeMapper {

    Optional<PrivacyNotice> current();

    Optional<PrivacyNotice> find(int version);

    void insert(@Param("version") int version, @Param("title") String title, @Param("text") String text,
                @Param("createdBy") String createdBy, @Param("at") Instant at);
}
