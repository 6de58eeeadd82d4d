package io.nurtureflow.capture;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.Optional;

@Mapper
interface StaffMapper {

    /** Creates the rep's profile row if missing, so the updates below always have a row. */
    void ensure(@Param("rep") String rep, @Param("at") Instant at);

    void setOnline(@Param("rep") String rep, @Param("online") boolean online, @Param("at") Instant at);

    void setAvatar(@Param("rep") String rep, @Param("image") byte[] image, @Param("type") String type,
                   @Param("at") Instant at);

    void setContactQr(@Param("rep") String rep, @Param("image") byte[] image, @Param("type") String type,
                      @Param("at") Instant at);

    Optional<Profile> find(String rep);

    Optional<Picture> avatar(String rep);

    Optional<Picture> contactQr(String rep);

    record Profile(String rep, boolean online, boolean hasAvatar, boolean hasContactQr, Instant updatedAt) {
    }

    record Picture(byte[] image, String type, Instant updatedAt) {
    }
}
